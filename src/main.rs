//! Entry point: mounts the workbench in the browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    kehoach::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("kehoach runs in the browser: build it with scripts/serve.");
}
