//! A random draft built from the bytes, opened through the JSON loader, then random edits
//! through the engine's `Editor` with undo and redo; totals, split, diagnostics and the draft's
//! JSON checked after every step (see `src/plan_ops.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kehoach_fuzz::plan_ops::plan_ops_bytes(data));
