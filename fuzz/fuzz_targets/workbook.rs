//! Opening arbitrary bytes as a workbook and reading every sheet, then understanding each.
//!
//! The readers (calamine) run inside `catch_unwind` in `open_workbook` and `Workbook::sheet`, so a
//! panic inside calamine comes back as `ImportError::Damaged` (natively; in the browser the import
//! runs in a Web Worker, which contains it). libFuzzer's panic hook would abort on such a contained
//! panic, so this target replaces it with one that prints each new panic location once and lets the
//! unwinding continue: a panic that `guarded` catches is a note (`panic at …` in the log), while a
//! panic outside it still reaches libfuzzer-sys's own `catch_unwind`, which aborts: a crash.
#![no_main]

use std::collections::HashSet;
use std::sync::{Mutex, Once};

use libfuzzer_sys::fuzz_target;

static HOOK: Once = Once::new();
static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);

fn quiet_hook() {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
            if let Ok(mut seen) = SEEN.lock()
                && seen.get_or_insert_with(HashSet::new).insert(at.clone())
            {
                eprintln!("panic at {at}: {info}");
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    quiet_hook();
    kehoach_fuzz::checks::workbook_bytes(data);
});
