//! The file worker's WebAssembly module: spreadsheet import, xlsx and docx export, kept out of the
//! page's module so the page loads without calamine, rust_xlsxwriter and their zip and codepage
//! tables. The import worker (`public/import-worker.js`) loads it on first use.

#[cfg(target_arch = "wasm32")]
mod exports {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering};

    use wasm_bindgen::prelude::*;

    /// The size of the last allocation the reader asked for and did not get (0: none). Running
    /// out of memory aborts the module (a trap, "unreachable"); the worker then asks this, so the
    /// page can say "needs more memory than the browser gives" rather than "damaged".
    static FAILED_ALLOCATION: AtomicUsize = AtomicUsize::new(0);

    /// The system allocator, noting a failed allocation's size before Rust aborts.
    struct Noting;

    // SAFETY: every call is forwarded to the system allocator unchanged.
    unsafe impl GlobalAlloc for Noting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: the caller's contract is passed on.
            let p = unsafe { System.alloc(layout) };
            if p.is_null() {
                FAILED_ALLOCATION.store(layout.size(), Ordering::Relaxed);
            }
            p
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: the caller's contract is passed on.
            unsafe { System.dealloc(ptr, layout) }
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            // SAFETY: the caller's contract is passed on.
            let p = unsafe { System.alloc_zeroed(layout) };
            if p.is_null() {
                FAILED_ALLOCATION.store(layout.size(), Ordering::Relaxed);
            }
            p
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // SAFETY: the caller's contract is passed on.
            let p = unsafe { System.realloc(ptr, layout, new_size) };
            if p.is_null() {
                FAILED_ALLOCATION.store(new_size, Ordering::Relaxed);
            }
            p
        }
    }

    #[global_allocator]
    static ALLOCATOR: Noting = Noting;

    /// The bytes of the last allocation that failed (0 when none did), asked by the worker after
    /// the module stopped.
    #[wasm_bindgen]
    pub fn kehoach_failed_allocation() -> f64 {
        FAILED_ALLOCATION.load(Ordering::Relaxed) as f64
    }

    std::thread_local! {
        static LAST_PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }

    /// Keeps the message of a panic (the module then stops, "unreachable"), for the worker to
    /// ask; installed by the first request.
    fn note_panics() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            std::panic::set_hook(Box::new(|info| {
                let payload = info.payload();
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".into());
                let _ = LAST_PANIC.try_with(|p| p.replace(message));
            }));
        });
    }

    /// The message of the panic that stopped the module ("" when none did).
    #[wasm_bindgen]
    pub fn kehoach_last_panic() -> String {
        LAST_PANIC.try_with(|p| p.borrow().clone()).unwrap_or_default()
    }

    /// Imports a spreadsheet: `options` and the reply are JSON (see `kehoach::io::import::remote`).
    #[wasm_bindgen]
    pub fn kehoach_import(bytes: &[u8], options: &str) -> String {
        note_panics();
        kehoach::io::import::remote::import_json(bytes, options)
    }

    /// Imports a spreadsheet and computes its totals, returning the number of budget lines:
    /// the import's own work without the reply's serialisation (for the import benchmark).
    #[wasm_bindgen]
    pub fn kehoach_import_only(bytes: &[u8]) -> u32 {
        match kehoach::io::import::import(bytes, &Default::default()) {
            Ok(result) => {
                let totals = kehoach::engine::Totals::compute(&result.plan);
                std::hint::black_box(totals.grand());
                result.plan.lines.len() as u32
            }
            Err(_) => 0,
        }
    }

    /// Writes a draft (JSON format v1) as an .xlsx workbook, labels in `lang` (`vi` or `en`).
    #[wasm_bindgen]
    pub fn kehoach_export_xlsx(draft: &str, lang: &str) -> Result<Vec<u8>, JsValue> {
        note_panics();
        let loaded = kehoach::io::json::from_json(draft).map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
        let lang = kehoach::locale::Lang::from_code(lang).unwrap_or_default();
        kehoach::io::xlsx_export::to_xlsx(&loaded.plan, lang).map_err(|e| JsValue::from_str(&e.to_string()))
    }

    /// Writes a draft (JSON format v1) as a Word document (.docx), labels in `lang` (`vi` or
    /// `en`), the budget table with the years as rows when `years_as_rows`.
    #[wasm_bindgen]
    pub fn kehoach_export_docx(draft: &str, lang: &str, years_as_rows: bool) -> Result<Vec<u8>, JsValue> {
        note_panics();
        let loaded = kehoach::io::json::from_json(draft).map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
        let lang = kehoach::locale::Lang::from_code(lang).unwrap_or_default();
        kehoach::io::docx_export::to_docx(&loaded.plan, lang, years_as_rows).map_err(|e| {
            use kehoach::locale::Message;
            JsValue::from_str(&e.text(lang))
        })
    }
}

fn main() {}
