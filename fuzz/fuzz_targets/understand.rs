//! The spreadsheet understanding step on arbitrary grids and import options (see
//! `src/grid_input.rs` for how bytes become a grid, `src/checks.rs` for what is checked).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kehoach_fuzz::checks::understand_bytes(data));
