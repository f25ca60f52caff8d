//! Text inputs bound to the plan without fighting the planner's typing.
//!
//! The model's value is written into the input only while the input is not focused, so "40,"
//! (a decimal on its way) is never rewritten to "40" under the planner's fingers. Each input is
//! validated as it is typed: an invalid text is marked and explained, and not applied.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::locale::Text;
use crate::ui::state::{Document, Prefs};

/// A one-line input. `on_input` applies the text and returns an error message when it cannot.
#[component]
pub fn Field(
    /// The model's current text.
    #[prop(into)]
    value: Signal<String>,
    /// Applies typed text; `Err(message)` marks the input invalid.
    on_input: impl Fn(String) -> Result<(), Text> + 'static,
    /// `data-testid`.
    #[prop(into)]
    testid: String,
    /// CSS class.
    #[prop(optional, into)]
    class: String,
    /// Placeholder text.
    #[prop(optional, into)]
    placeholder: Signal<String>,
    /// Accessible label.
    #[prop(optional, into)]
    label: Signal<String>,
    /// Right-aligned numeric input.
    #[prop(optional)]
    numeric: bool,
    /// Row and column for keyboard navigation between fields (`data-nav-row`, `data-nav-col`).
    #[prop(optional)]
    nav: Option<(i32, String)>,
    /// The id of a `<datalist>` of suggestions (agency names …).
    #[prop(optional)]
    list: Option<&'static str>,
) -> impl IntoView {
    let (nav_row, nav_col) = match nav {
        Some((r, c)) => (Some(r.to_string()), Some(c)),
        None => (None, None),
    };
    let node = NodeRef::<html::Input>::new();
    let error = RwSignal::new(None::<Text>);
    let (doc, prefs) = (Document::get(), Prefs::get());
    Effect::new(move |_| {
        let v = value.get();
        if let Some(el) = node.get() {
            let focused = document().active_element().is_some_and(|a| a == *el.unchecked_ref::<web_sys::Element>());
            if !focused && el.value() != v {
                el.set_value(&v);
                error.set(None);
            }
        }
    });
    view! {
        <input
            type="text"
            node_ref=node
            class=class
            class:numeric=numeric
            class:invalid=move || error.get().is_some()
            data-testid=testid
            data-nav-row=nav_row
            data-nav-col=nav_col
            placeholder=move || placeholder.get()
            aria-label=move || label.get()
            title=move || error.get().map(|t| prefs.say(&t)).unwrap_or_default()
            aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
            inputmode=if numeric { "decimal" } else { "text" }
            autocomplete="off"
            list=list
            prop:value=move || value.get_untracked()
            on:input=move |ev| {
                let text = event_target_value(&ev);
                error.set(on_input(text).err());
            }
            on:blur=move |_| {
                // The next typing in this field is a new undo step.
                doc.end_merge();
                // Show the model's value again unless the text was refused.
                if error.get_untracked().is_none()
                    && let Some(el) = node.get_untracked() {
                        let v = value.get_untracked();
                        if el.value() != v {
                            el.set_value(&v);
                        }
                    }
            }
        />
    }
}

/// Moves the focus between the [`Field`]s of a table (targets, tasks) as in the grid: Enter and ↓ to the same
/// column of the next row, Shift+Enter and ↑ to the previous one, Escape leaves the field.
pub fn on_table_key(ev: web_sys::KeyboardEvent) {
    let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
    let Some(col) = el.get_attribute("data-nav-col") else { return };
    let delta: i32 = match ev.key().as_str() {
        "ArrowDown" => 1,
        "Enter" if !ev.shift_key() => 1,
        "ArrowUp" | "Enter" => -1,
        "Escape" => {
            let _ = el.blur();
            return;
        }
        _ => return,
    };
    ev.prevent_default();
    let Ok(list) = document().query_selector_all(&format!("input[data-nav-col=\"{col}\"]")) else { return };
    let inputs: Vec<web_sys::HtmlInputElement> = (0..list.length())
        .filter_map(|k| list.item(k).and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok()))
        .collect();
    let Some(here) = inputs.iter().position(|x| x == &el) else { return };
    let target = here as i32 + delta;
    if target >= 0
        && let Some(next) = inputs.get(target as usize)
    {
        let _ = next.focus();
        next.select();
    }
}
