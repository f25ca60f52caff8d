//! Tests that run inside headless Chromium (wasm-bindgen-test): the core compiled to WebAssembly,
//! the browser adapters (localStorage, the import worker's entry point) and the mounted UI.
#![cfg(target_arch = "wasm32")]

use kehoach::io::drafts::{DraftStore, KeyValueStore, SaveError, StoreError};
use kehoach::platform::storage::BrowserStore;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the browser run pending tasks (effects, microtasks) for `ms` milliseconds.
async fn tick(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn decimal_money_is_exact_in_wasm() {
    let plan = kehoach::reference::plan_with_sources();
    let editor = kehoach::engine::Editor::new(plan);
    assert_eq!(editor.totals().grand().to_string(), "5400");
    assert_eq!(editor.split().grand.amounts[0].to_string(), "2160");
    assert_eq!(kehoach::locale::format_decimal(editor.totals().phase_total(0), kehoach::locale::Lang::Vi), "3.080");
}

#[wasm_bindgen_test]
fn drafts_round_trip_through_local_storage() {
    storage().clear().unwrap();
    let mut drafts = DraftStore::new(BrowserStore::open());
    assert!(drafts.store().unavailable().is_none());
    let meta = drafts.save("t1", "Bắc Kạn", &kehoach::reference::plan(), None, 1).unwrap();
    assert_eq!(meta.rev, 1);
    assert_eq!(drafts.load("t1").unwrap().unwrap().plan, kehoach::reference::plan());
    assert!(storage().get_item("kehoach.draft.t1").unwrap().unwrap().contains("urn:kehoach:draft:v2"));
    assert_eq!(drafts.list().len(), 1);
    drafts.delete("t1").unwrap();
    assert!(drafts.list().is_empty());
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_full_local_storage_is_a_quota_error_not_a_crash() {
    storage().clear().unwrap();
    let s = storage();
    // Fill the storage to the brim.
    let mut i = 0;
    for size in [256 * 1024, 4096, 64, 1] {
        let chunk = "x".repeat(size);
        while s.set_item(&format!("junk.{i}"), &chunk).is_ok() {
            i += 1;
        }
        i += 1;
    }
    let mut store = BrowserStore::open();
    assert_eq!(store.set("kehoach.test", &"y".repeat(1000)), Err(StoreError::QuotaExceeded));
    let mut drafts = DraftStore::new(BrowserStore::open());
    let err = drafts.save("t2", "x", &kehoach::reference::plan(), None, 1).unwrap_err();
    assert_eq!(err, SaveError::Store(StoreError::QuotaExceeded));
    s.clear().unwrap();
}

#[wasm_bindgen_test]
fn the_import_reads_a_workbook_in_wasm() {
    let bytes = include_bytes!("../fixtures/seed_rows.xlsx");
    let reply = kehoach::io::import::remote::import_json(bytes, "{}");
    let (format, _, result) = kehoach::io::import::remote::read_reply(&reply).unwrap_or_else(|_| panic!("{reply}"));
    assert_eq!(format, "xlsx");
    let totals = kehoach::engine::Totals::compute(&result.plan);
    assert_eq!(totals.grand().to_string(), "5400");
    assert_eq!(totals.phase_total(0).to_string(), "3080");
    // A PDF is refused with a message, inside wasm as natively.
    let refused = kehoach::io::import::remote::import_json(b"%PDF-1.7\n", "{}");
    assert!(refused.contains("refused"), "{refused}");
}

#[wasm_bindgen_test]
fn xlsx_export_runs_in_the_browser() {
    // rust_xlsxwriter needs its `wasm` feature for the file's timestamps.
    let bytes =
        kehoach::io::xlsx_export::to_xlsx(&kehoach::reference::plan_with_sources(), kehoach::locale::Lang::Vi).unwrap();
    assert_eq!(&bytes[..2], b"PK");
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_opens_the_example() {
    storage().clear().unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let _handle = leptos::mount::mount_to(root.clone().unchecked_into(), kehoach::ui::App);
    tick(50).await;
    assert!(root.query_selector("[data-testid=workbench]").unwrap().is_some());
    let example =
        root.query_selector("[data-testid=open-example]").unwrap().expect("the empty state offers the example");
    example.unchecked_ref::<web_sys::HtmlElement>().click();
    tick(100).await;
    let grand = root.query_selector("[data-testid=grand-total]").unwrap().expect("the grid shows the grand total");
    assert_eq!(grand.get_attribute("data-value").as_deref(), Some("5400"));
    assert!(root.query_selector("[data-testid=app-error]").unwrap().is_none());
    storage().clear().unwrap();
}
