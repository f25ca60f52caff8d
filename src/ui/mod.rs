//! The Leptos user interface: a thin layer over the engine.

mod app;
mod fatal;

pub use app::App;

/// Installs the panic hook and mounts the workbench into `<body>`.
pub fn start() {
    fatal::install_panic_hook();
    leptos::mount::mount_to_body(App);
}
