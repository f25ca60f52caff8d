//! Entry point: mounts the workbench in the browser. In the import worker (no window) the module
//! only serves `kehoach_import`.

#[cfg(target_arch = "wasm32")]
fn main() {
    if web_sys::window().is_some() {
        kehoach::ui::start();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("kehoach runs in the browser: build it with scripts/serve.");
}
