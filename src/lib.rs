//! kehoach: a spreadsheet-style workbench for the financial annexes of multi-year programme
//! plans (budget lines × years, phases, funding sources, targets).
//!
//! The core (`model`, `engine`, `io`, `locale`) is plain Rust, tested natively. The browser UI
//! (`ui`) and the browser adapters (`platform`) exist only on `wasm32`.

#![deny(missing_docs)]

pub mod diagnostic;
pub mod engine;
pub mod io;
pub mod locale;
pub mod model;
pub mod reference;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
