//! The Leptos user interface: a thin layer over the engine.

mod app;
mod budget;
mod chart;
mod compare;
mod consolidate;
mod diagnostics;
mod drafts;
mod fatal;
mod field;
mod funding;
pub mod grid;
mod import;
mod lazy;
mod phases;
mod plan_panel;
mod print;
mod sheet_import;
pub mod state;
mod targets;
mod tasks;
mod tools;

pub use app::App;

/// Installs the panic hook and mounts the workbench into `<body>`.
pub fn start() {
    fatal::install_panic_hook();
    leptos::mount::mount_to_body(App);
}
