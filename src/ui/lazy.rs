//! Parts of the view that live in lazily loaded WebAssembly modules.
//!
//! The release build of the page (`scripts/build`, with `--cfg kehoach_split`) makes every
//! function marked `#[cfg_attr(kehoach_split, leptos::lazy)]` a split point, and `wasm-split-cli`
//! moves it, with the code only it uses, into a module of its own: the targets, comparison and
//! spreadsheet import preview views are not part of the page's first download. [`preload`]
//! fetches them all once the page is up, so using them later makes no request (and works offline:
//! the service worker caches them with the rest). Other builds (tests, the file worker's module)
//! call the same functions directly.

use std::future::Future;

use leptos::prelude::*;

/// The view a split point builds, as a future: `lazy!(module::view_lazy(args))`. In the split
/// build the function itself is async (it loads its module first); elsewhere it is called at once.
#[cfg(kehoach_split)]
macro_rules! lazy {
    ($call:expr) => {
        $call
    };
}
/// The view a split point builds, as a future (see the split build's definition).
#[cfg(not(kehoach_split))]
macro_rules! lazy {
    ($call:expr) => {
        async move { $call }
    };
}
pub(crate) use lazy;

/// A lazily loaded module could not be fetched or instantiated (the server is gone, or has a
/// newer build whose parts have other names). The page goes on; the part asks for a reload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadFailed;

#[cfg(kehoach_split)]
impl From<leptos::wasm_split::SplitLoaderError> for LoadFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        LoadFailed
    }
}

/// Shows the view that `load` builds, once its module is there (nothing before: on a preloaded
/// module that is the next microtask), or a message if the module could not be loaded. The view
/// is built with the caller's reactive owner, so it sees the same context and is disposed with
/// the caller.
pub fn lazy_view(load: impl Future<Output = Result<AnyView, LoadFailed>> + 'static) -> impl IntoView {
    let slot = StoredValue::new_local(None::<AnyView>);
    let ready = RwSignal::new(false);
    leptos::task::spawn_local_scoped(async move {
        let view = load.await.unwrap_or_else(|LoadFailed| load_failed().into_any());
        slot.set_value(Some(view));
        ready.set(true);
    });
    move || {
        ready.track();
        slot.try_update_value(Option::take).flatten()
    }
}

/// The message in place of a part whose module did not load.
fn load_failed() -> impl IntoView {
    let prefs = crate::ui::state::Prefs::get();
    view! {
        <div class="notice error" role="alert" data-testid="lazy-load-failed">
            <span>{move || prefs.tr(
                "Không tải được phần này của ứng dụng (máy chủ không trả lời hoặc đã có phiên bản mới). Bản nháp không bị ảnh hưởng: hãy tải lại trang.",
                "This part of the workbench could not be loaded (the server did not answer, or has a newer version). Your draft is unaffected: reload the page.")}</span>
            <button on:click=|_| { let _ = window().location().reload(); }>{move || prefs.tr("Tải lại", "Reload")}</button>
        </div>
    }
}

/// Fetches and instantiates every lazily loaded module (in the split build; nothing otherwise). A
/// failure here is not reported: the part reports it when it is opened.
pub fn preload() {
    #[cfg(kehoach_split)]
    leptos::task::spawn_local(async {
        let _ = crate::ui::compare::preload_compare().await;
        let _ = crate::ui::targets::preload_targets().await;
        let _ = crate::ui::tasks::preload_tasks().await;
        let _ = crate::ui::sheet_import::preload_sheet_preview().await;
        let _ = crate::ui::consolidate::preload_consolidate().await;
        let _ = crate::ui::consolidate::preload_consolidation().await;
    });
}
