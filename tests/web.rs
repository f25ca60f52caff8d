//! Tests that run inside headless Chromium (wasm-bindgen-test): the browser adapters and the
//! mounted UI.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn decimal_money_is_exact_in_wasm() {
    let plan = kehoach::reference::plan_with_sources();
    let editor = kehoach::engine::Editor::new(plan);
    assert_eq!(editor.totals().grand().to_string(), "5400");
    assert_eq!(editor.split().grand.amounts[0].to_string(), "2160");
    assert_eq!(kehoach::locale::format_decimal(editor.totals().phase_total(0), kehoach::locale::Lang::Vi), "3.080");
}
