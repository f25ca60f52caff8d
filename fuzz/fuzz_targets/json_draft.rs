//! The JSON draft loader on arbitrary text, and the editor and a write/read round trip on every
//! draft it accepts (see `src/checks.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kehoach_fuzz::checks::json_draft_bytes(data));
