//! Drafts in the browser: autosave (debounced, flushed when the page is hidden), the draft list,
//! reopening the last draft, storage failures, and two tabs editing the same draft.

use std::time::Duration;

use leptos::prelude::*;

use std::collections::BTreeMap;

use crate::engine::Editor;
use crate::io::drafts::{Damage, DraftMeta, DraftStore, INDEX_KEY, SaveError, Saved, StoreError};
use crate::locale::format_decimal;
use crate::model::Plan;
use crate::platform::storage::BrowserStore;
use crate::platform::{files, now_ms};
use crate::ui::state::Workbench;

/// The address of the internal-error panel's "back to the draft list" (also in `boot.js`): a
/// start that shows the list instead of reopening the last draft.
pub const LIST_START: &str = "?start=list";

/// How long the workbench waits after the last change before saving.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(400);

/// The drafts controller, shared by context.
#[derive(Clone, Copy)]
pub struct Drafts {
    store: StoredValue<DraftStore<BrowserStore>, LocalStorage>,
    /// Every saved draft, most recent first.
    pub list: RwSignal<Vec<DraftMeta>>,
    /// Revision of the open draft as this tab last loaded or saved it.
    pub rev: RwSignal<Option<u64>>,
    /// Changes not yet saved.
    pub dirty: RwSignal<bool>,
    /// Why the last save failed.
    pub error: RwSignal<Option<StoreError>>,
    /// Another tab saved the open draft while this one had unsaved changes.
    pub conflict: RwSignal<bool>,
    /// Bytes used in storage.
    pub usage: RwSignal<usize>,
    /// Why drafts are kept in memory only, if they are.
    pub memory_only: RwSignal<Option<String>>,
    /// When the open draft was last saved.
    pub saved_at: RwSignal<Option<i64>>,
    /// The last deleted draft's name, while its deletion can be undone.
    pub deleted: RwSignal<Option<String>>,
    /// Drafts that could not be opened, with why.
    pub damaged: RwSignal<BTreeMap<String, Damage>>,
    /// Whether the draft list is shown.
    pub list_open: RwSignal<bool>,
    generation: StoredValue<u64>,
    /// The revision this tab last saved and the fingerprint of the text it wrote (`None` after
    /// opening or reloading): tells a save overwritten by another tab's save of the same
    /// revision.
    saved: StoredValue<Option<(u64, u64)>>,
}

impl Drafts {
    /// The controller provided by the app root.
    pub fn get() -> Self {
        expect_context::<Drafts>()
    }

    /// Opens storage, wires autosave and the storage events, and reopens the last draft.
    pub fn start(ws: Workbench) -> Self {
        let store = BrowserStore::open();
        let memory_only = store.unavailable().map(str::to_string);
        let drafts = Drafts {
            store: StoredValue::new_local(DraftStore::new(store)),
            list: RwSignal::new(Vec::new()),
            rev: RwSignal::new(None),
            dirty: RwSignal::new(false),
            error: RwSignal::new(None),
            conflict: RwSignal::new(false),
            usage: RwSignal::new(0),
            memory_only: RwSignal::new(memory_only),
            saved_at: RwSignal::new(None),
            deleted: RwSignal::new(None),
            damaged: RwSignal::new(BTreeMap::new()),
            list_open: RwSignal::new(false),
            generation: StoredValue::new(0),
            saved: StoredValue::new(None),
        };
        // A draft whose opening stopped the page last time is not opened again by itself: the
        // workbench starts on the list, where it is marked, downloadable and deletable.
        let crashed = drafts.store.try_update_value(|s| s.recover_after_crash()).flatten();
        let asked_for_list = crate::ui::app::take_start_list();
        drafts.refresh();
        let last = drafts.store.with_value(|s| s.last_opened());
        if let Some(id) = &crashed {
            let name =
                drafts.list.get_untracked().into_iter().find(|m| &m.id == id).map(|m| m.name).unwrap_or_default();
            ws.notice(
                "error",
                format!("Lần trước, mở bản nháp «{name}» đã làm ứng dụng dừng. Bản nháp vẫn được giữ nguyên và được đánh dấu trong danh sách: có thể tải JSON của nó, xóa, hoặc thử mở lại."),
                format!("Last time, opening the draft '{name}' stopped the workbench. The draft is kept as it was and marked in the list: download its JSON, delete it, or try opening it again."),
            );
            drafts.list_open.set(true);
        } else if asked_for_list {
            drafts.list_open.set(true);
        } else if let Some(id) = last {
            if drafts.damaged.get_untracked().contains_key(&id) {
                // Not reopened by itself: the list says why.
                drafts.list_open.set(true);
            } else {
                drafts.open(ws, &id);
            }
        }

        // Autosave: every change marks the draft dirty and schedules a save.
        Effect::new(move |previous: Option<u64>| {
            let n = ws.changed.get();
            if previous.is_some_and(|p| p != n) {
                drafts.dirty.set(true);
                drafts.schedule(ws);
            }
            n
        });
        let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                drafts.save_now(ws);
            }
        });
        let pagehide = window_event_listener(leptos::ev::pagehide, move |_| drafts.save_now(ws));
        // Leaving with changes that are not stored (storage full or refused, a conflict, or
        // memory only) asks first; the banner with its download stays.
        let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
            drafts.save_now(ws);
            if drafts.unstored(ws) {
                ev.prevent_default();
                ev.set_return_value("unsaved");
            }
        });
        let storage = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() == Some(INDEX_KEY) || ev.key().is_none() {
                drafts.on_external_change(ws);
            }
        });
        on_cleanup(move || {
            hidden.remove();
            pagehide.remove();
            unload.remove();
            storage.remove();
        });
        drafts
    }

    fn refresh(&self) {
        let (list, usage, damaged) = self.store.with_value(|s| (s.list(), s.usage_bytes(), s.damaged()));
        self.list.set(list);
        self.usage.set(usage);
        self.damaged.set(damaged);
    }

    /// Shows draft `id` as the open one, noting the opening in storage until it is on screen:
    /// if the page stops on the way (an internal error, a freeze the planner ends by closing the
    /// tab), the next start knows which draft did it.
    fn show(&self, ws: Workbench, id: &str, name: String, editor: Editor) {
        self.store.update_value(|s| s.begin_opening(id));
        if crate::ui::app::debug_flag("panic-on-open") {
            // A deliberate failure while opening (used by the browser tests).
            panic!("deliberate panic while opening a draft (?debug=panic-on-open)");
        }
        ws.open(id.to_string(), name, editor);
        let (this, id) = (*self, id.to_string());
        request_animation_frame(move || {
            // After the frame that shows it has been painted.
            set_timeout(
                move || {
                    this.store.update_value(|s| {
                        s.end_opening();
                        s.clear_damaged(&id);
                    });
                    this.damaged.update(|d| {
                        d.remove(&id);
                    });
                },
                Duration::ZERO,
            );
        });
    }

    /// Whether the open draft has changes that are not in storage (after trying to save them).
    pub fn unstored(&self, ws: Workbench) -> bool {
        ws.has_draft.get_untracked() && (self.dirty.get_untracked() || self.memory_only.get_untracked().is_some())
    }

    /// Offers the stored text of draft `id` as a download, as it is.
    pub fn download_raw(&self, ws: Workbench, id: &str) {
        let Some(text) = self.store.with_value(|s| s.raw(id)) else { return };
        let name = self
            .list
            .get_untracked()
            .into_iter()
            .find(|m| m.id == id)
            .map(|m| m.name)
            .unwrap_or_else(|| id.to_string());
        if let Err(e) = files::download(&crate::text::file_name(&name, "json"), "application/json", text.as_bytes()) {
            ws.notice("error", format!("Không tải được tệp: {e}"), format!("The download failed: {e}"));
        }
    }

    fn schedule(&self, ws: Workbench) {
        let this = *self;
        let generation = self.generation.with_value(|g| g + 1);
        self.generation.set_value(generation);
        set_timeout(
            move || {
                if this.generation.get_value() == generation {
                    this.save_now(ws);
                }
            },
            AUTOSAVE_DELAY,
        );
    }

    /// Saves the open draft now if it has unsaved changes.
    pub fn save_now(&self, ws: Workbench) {
        if !self.dirty.get_untracked() || !ws.has_draft.get_untracked() || self.conflict.get_untracked() {
            return;
        }
        let id = ws.draft_id.get_untracked();
        let name = ws.draft_name.get_untracked();
        let expected = self.rev.get_untracked();
        let result = ws.with(|e| {
            self.store.try_update_value(|s| s.save_with(&id, &name, e.plan(), e.totals(), expected, now_ms()))
        });
        match result {
            Some(Ok(Saved { meta, fingerprint })) => {
                self.saved.set_value(Some((meta.rev, fingerprint)));
                self.rev.set(Some(meta.rev));
                self.dirty.set(false);
                self.error.set(None);
                self.saved_at.set(Some(meta.updated));
                let _ = self.store.try_update_value(|s| s.set_last_opened(&id));
                self.refresh();
            }
            Some(Err(SaveError::Conflict { .. })) => self.conflict.set(true),
            Some(Err(SaveError::Store(e))) => self.error.set(Some(e)),
            None => {}
        }
    }

    /// Another tab changed the list: refresh it, and reload the open draft if it changed there.
    fn on_external_change(&self, ws: Workbench) {
        self.refresh();
        if !ws.has_draft.get_untracked() {
            return;
        }
        let id = ws.draft_id.get_untracked();
        let theirs = self.store.with_value(|s| s.meta(&id)).map(|m| m.rev);
        // Another tab saved the same revision at the same moment, and its text is the stored
        // one: this tab's save was overwritten, though the revisions agree.
        if let (Some(t), Some((rev, mine))) = (theirs, self.saved.get_value())
            && rev == t
            && self.store.with_value(|s| s.stored_fingerprint(&id)).is_some_and(|f| f != mine)
        {
            self.saved.set_value(None);
            self.conflict.set(true);
            return;
        }
        match (theirs, self.rev.get_untracked()) {
            (Some(t), Some(mine)) if t != mine => {
                if self.dirty.get_untracked() {
                    self.conflict.set(true);
                } else {
                    self.reload(ws, &id);
                    ws.notice(
                        "info",
                        "Bản nháp vừa được cập nhật từ một thẻ khác.",
                        "The draft was just updated from another tab.",
                    );
                }
            }
            (None, Some(_)) => {
                // Deleted in another tab: keep it on screen, unsaved, so nothing is lost.
                self.rev.set(None);
                self.dirty.set(true);
                ws.notice(
                    "warning",
                    "Bản nháp đang mở đã bị xóa ở một thẻ khác; nó vẫn còn ở đây và sẽ được lưu lại nếu bạn tiếp tục sửa.",
                    "The open draft was deleted in another tab; it is still here and will be saved again if you keep editing.",
                );
            }
            _ => {}
        }
    }

    fn reload(&self, ws: Workbench, id: &str) {
        let loaded = self.store.with_value(|s| s.load(id));
        if let Ok(Some(d)) = loaded {
            let rev = self.store.with_value(|s| s.meta(id)).map(|m| m.rev);
            self.show(ws, id, d.name, Editor::with_totals(d.plan, d.totals));
            self.saved.set_value(None);
            self.rev.set(rev);
            self.dirty.set(false);
            self.conflict.set(false);
        }
    }

    /// Opens draft `id` (saving the current one first).
    pub fn open(&self, ws: Workbench, id: &str) {
        self.save_now(ws);
        match self.store.with_value(|s| s.load(id)) {
            Ok(Some(d)) => {
                let rev = self.store.with_value(|s| s.meta(id)).map(|m| m.rev);
                self.show(ws, id, d.name, Editor::with_totals(d.plan, d.totals));
                self.saved.set_value(None);
                self.rev.set(rev);
                self.dirty.set(false);
                self.conflict.set(false);
                self.error.set(None);
                let _ = self.store.try_update_value(|s| s.set_last_opened(id));
                for w in d.warnings {
                    ws.notice("warning", w.message_vi, w.message_en);
                }
            }
            Ok(None) => {}
            Err(errors) => {
                let first = errors.first().map(|e| (e.message_vi.clone(), e.message_en.clone())).unwrap_or_default();
                self.store.update_value(|s| s.mark_damaged(id, Damage::Unreadable));
                self.refresh();
                self.list_open.set(true);
                ws.notice(
                    "error",
                    format!("Không mở được bản nháp đã lưu: {}", first.0),
                    format!("The saved draft cannot be opened: {}", first.1),
                );
            }
        }
    }

    /// Opens `plan` as a new draft named `name` and saves it.
    pub fn create(&self, ws: Workbench, name: String, plan: Plan) {
        self.create_with(ws, name, Editor::new(plan));
    }

    /// [`Drafts::create`] with the editor already started (a loaded draft's totals reused).
    pub fn create_with(&self, ws: Workbench, name: String, editor: Editor) {
        self.save_now(ws);
        // Two drafts of one name cannot be told apart in the list: "Bắc Kạn (2)".
        let taken: std::collections::HashSet<String> = self.list.get_untracked().into_iter().map(|m| m.name).collect();
        let name = if taken.contains(&name) {
            (2..).map(|k| format!("{name} ({k})")).find(|n| !taken.contains(n)).unwrap_or(name)
        } else {
            name
        };
        ws.open(crate::ui::app::new_id(), name, editor);
        self.rev.set(None);
        self.conflict.set(false);
        self.dirty.set(true);
        self.save_now(ws);
    }

    /// Saves a copy of draft `id` and opens it.
    pub fn duplicate(&self, ws: Workbench, id: &str) {
        if id == ws.draft_id.get_untracked() {
            self.save_now(ws);
        }
        if let Ok(Some(d)) = self.store.with_value(|s| s.load(id)) {
            let suffix = ws.lang.get_untracked().pick("bản sao", "copy");
            self.create(ws, format!("{} ({suffix})", d.name), d.plan);
        }
    }

    /// Deletes draft `id`; the deletion can be undone until the next one.
    pub fn delete(&self, ws: Workbench, id: &str) {
        let name = self.store.with_value(|s| s.meta(id)).map(|m| m.name).unwrap_or_default();
        let result = self.store.try_update_value(|s| s.delete(id));
        if let Some(Err(e)) = result {
            self.error.set(Some(e));
            return;
        }
        self.deleted.set(Some(name));
        self.refresh();
        if id == ws.draft_id.get_untracked() {
            ws.has_draft.set(false);
            self.rev.set(None);
            self.dirty.set(false);
            if let Some(next) = self.list.get_untracked().first().map(|m| m.id.clone()) {
                self.open(ws, &next);
            }
        }
    }

    /// Brings back the last deleted draft and opens it.
    pub fn undo_delete(&self, ws: Workbench) {
        let restored = self.store.try_update_value(|s| s.restore_deleted(now_ms()));
        self.deleted.set(None);
        self.refresh();
        if let Some(Ok(Some(id))) = restored {
            self.open(ws, &id);
        }
    }

    /// Loads draft `id` without opening it (for comparison).
    pub fn load_plan(&self, id: &str) -> Option<Plan> {
        self.store.with_value(|s| s.load(id)).ok().flatten().map(|d| d.plan)
    }

    /// Keeps this tab's version as a new draft after a conflict.
    pub fn keep_mine_as_copy(&self, ws: Workbench) {
        let plan = ws.with(|e| e.plan().clone());
        let suffix = ws.lang.get_untracked().pick("bản của thẻ này", "this tab's version");
        let name = format!("{} ({suffix})", ws.draft_name.get_untracked());
        self.conflict.set(false);
        self.create(ws, name, plan);
    }

    /// Takes the other tab's version after a conflict.
    pub fn take_theirs(&self, ws: Workbench) {
        let id = ws.draft_id.get_untracked();
        self.reload(ws, &id);
    }
}

/// Downloads the open draft as `<name>.json`.
pub fn export_json(ws: Workbench) {
    let name = ws.draft_name.get_untracked();
    let text = ws.with(|e| crate::io::json::to_json(&name, e.plan()));
    if let Err(e) = files::download(&crate::text::file_name(&name, "json"), "application/json", text.as_bytes()) {
        ws.notice("error", format!("Không tải được tệp: {e}"), format!("The download failed: {e}"));
    }
}

/// Downloads the open draft as `<name>.xlsx`, written by the file worker.
pub fn export_xlsx(ws: Workbench) {
    let name = ws.draft_name.get_untracked();
    let lang = ws.lang.get_untracked();
    let draft = ws.with(|e| crate::io::json::write_json(&name, e.plan(), e.totals(), false));
    crate::platform::worker::export_xlsx(&draft, lang.code(), move |event| match event {
        crate::platform::worker::WorkerEvent::Bytes(bytes) => {
            let mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            if let Err(e) = files::download(&crate::text::file_name(&name, "xlsx"), mime, &bytes) {
                ws.notice("error", format!("Không tải được tệp: {e}"), format!("The download failed: {e}"));
            }
        }
        crate::platform::worker::WorkerEvent::NoMemory(asked) => {
            let (vi, en) = match asked {
                0 => ("hơn 2 GB một lần".to_string(), "more than 2 GB at once".to_string()),
                n => crate::text::byte_size(n),
            };
            ws.notice(
                "error",
                format!("Không xuất được tệp xlsx: cần nhiều bộ nhớ hơn trình duyệt cho phép ({vi})."),
                format!("The xlsx export failed: it needs more memory than the browser gives ({en})."),
            )
        }
        crate::platform::worker::WorkerEvent::Failed(e) => {
            ws.notice("error", format!("Không xuất được tệp xlsx: {e}"), format!("The xlsx export failed: {e}"))
        }
        _ => {}
    });
}

/// The list of saved drafts, with open, duplicate, delete and compare.
#[component]
pub fn DraftList(on_close: Callback<()>) -> impl IntoView {
    let ws = Workbench::get();
    let drafts = Drafts::get();
    let when = move |ms: i64| {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from(ms as f64));
        let pad = |n: u32| format!("{n:02}");
        format!(
            "{}/{}/{} {}:{}",
            pad(d.get_date()),
            pad(d.get_month() + 1),
            d.get_full_year(),
            pad(d.get_hours()),
            pad(d.get_minutes())
        )
    };
    view! {
        <div class="draft-panel" role="dialog">
            <ul class="draft-list" data-testid="draft-list">
                <For each=move || drafts.list.get() key=|m| (m.id.clone(), m.rev, m.name.clone()) let:m>
                    {
                        let id = m.id.clone();
                        let (open_id, dup_id, del_id, cmp_id) = (id.clone(), id.clone(), id.clone(), id.clone());
                        let current = { let id = id.clone(); move || ws.has_draft.get() && ws.draft_id.get() == id };
                        let unit = m.unit;
                        let damage = { let id = id.clone(); Signal::derive(move || drafts.damaged.with(|d| d.get(&id).copied())) };
                        let raw_id = id.clone();
                        view! {
                            <li class="draft-item" class:current=current class:damaged=move || damage.get().is_some()
                                data-testid="draft-item" data-draft-id=id.clone()
                                on:click=move |_| { drafts.open(ws, &open_id); on_close.run(()); }>
                                <span class="name">{m.name.clone()}</span>
                                {move || damage.get().map(|d| view! {
                                    <span class="damage" role="note" data-testid="draft-damaged" data-value=match d { Damage::Crashed => "crashed", Damage::Unreadable => "unreadable" }>
                                        {move || d.message(ws.lang.get().is_vi())}
                                    </span>
                                })}
                                <span class="meta">
                                    {when(m.updated)}" · "
                                    <span data-testid="draft-item-total" data-value=crate::ui::state::data_value(m.grand_total)>
                                        {move || format!("{} {}", format_decimal(m.grand_total, ws.lang.get()),
                                            if ws.lang.get().is_vi() { unit.label_vi() } else { unit.label_en() })}
                                    </span>
                                </span>
                                <span class="actions">
                                    <button data-testid="draft-duplicate" title=move || ws.tr("Nhân bản", "Duplicate")
                                        on:click=move |ev| { ev.stop_propagation(); drafts.duplicate(ws, &dup_id); on_close.run(()); }>{move || ws.tr("Nhân bản", "Copy")}</button>
                                    <button data-testid="draft-compare" title=move || ws.tr("So sánh với bản đang mở", "Compare with the open draft")
                                        on:click=move |ev| { ev.stop_propagation(); crate::ui::compare::compare_with(ws, cmp_id.clone()); on_close.run(()); }>{move || ws.tr("So sánh", "Compare")}</button>
                                    <Show when=move || damage.get().is_some()>
                                        {let raw_id = raw_id.clone(); view! {
                                        <button data-testid="draft-download" title=move || ws.tr("Tải nội dung đã lưu (JSON) về máy", "Download the stored content (JSON)")
                                            on:click=move |ev| { ev.stop_propagation(); drafts.download_raw(ws, &raw_id); }>{move || ws.tr("Tải JSON", "JSON")}</button>
                                        }}
                                    </Show>
                                    <button data-testid="draft-delete" title=move || ws.tr("Xóa", "Delete")
                                        on:click=move |ev| { ev.stop_propagation(); drafts.delete(ws, &del_id); }>{move || ws.tr("Xóa", "Delete")}</button>
                                </span>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || drafts.list.get().is_empty()>
                <p class="muted">{move || ws.tr("Chưa có bản nháp nào được lưu.", "No saved draft yet.")}</p>
            </Show>
            <button class="link" data-testid="draft-example" on:click=move |_| { crate::ui::app::open_example(ws); on_close.run(()); }>
                {move || ws.tr("+ Mở ví dụ Bắc Kạn 2012–2020", "+ Open the Bắc Kạn 2012–2020 example")}
            </button>
            <p class="muted storage-usage" data-testid="storage-usage" data-value=move || drafts.usage.get().to_string()>
                {move || {
                    let kb = rust_decimal::Decimal::from(drafts.usage.get() as u64) / rust_decimal::Decimal::from(1024);
                    let kb = format_decimal(kb.round_dp(0), ws.lang.get());
                    if ws.lang.get().is_vi() { format!("Bộ nhớ trình duyệt đã dùng: {kb} KB (thường tối đa khoảng 5 MB)") }
                    else { format!("Browser storage used: {kb} KB (usually about 5 MB at most)") }
                }}
            </p>
        </div>
    }
}

/// Banners about saving: storage full or unavailable, a conflict with another tab, an undoable
/// deletion.
#[component]
pub fn SaveBanners() -> impl IntoView {
    let ws = Workbench::get();
    let drafts = Drafts::get();
    let lang = move || ws.lang.get().is_vi();
    view! {
        <Show when=move || drafts.error.get().is_some()>
            <div class="notice error" role="alert" data-testid="storage-error">
                <span>{move || drafts.error.get().map(|e| e.message(lang())).unwrap_or_default()}</span>
                <button data-testid="storage-download" on:click=move |_| export_json(ws)>{move || ws.tr("Tải JSON về máy", "Download JSON")}</button>
                <button on:click=move |_| { drafts.error.set(None); drafts.save_now(ws); }>{move || ws.tr("Thử lưu lại", "Try again")}</button>
            </div>
        </Show>
        <Show when=move || drafts.memory_only.get().is_some()>
            <div class="notice warning" role="alert" data-testid="storage-unavailable">
                <span>{move || StoreError::Unavailable(drafts.memory_only.get().unwrap_or_default()).message(lang())}</span>
                <button on:click=move |_| export_json(ws)>{move || ws.tr("Tải JSON về máy", "Download JSON")}</button>
            </div>
        </Show>
        <Show when=move || drafts.conflict.get()>
            <div class="notice warning" role="alert" data-testid="draft-conflict">
                <span>{move || ws.tr(
                    "Bản nháp này vừa được lưu ở một thẻ khác trong khi thẻ này cũng đang sửa. Không bản nào bị ghi đè.",
                    "This draft was saved in another tab while this tab was editing it too. Nothing was overwritten.")}</span>
                <button data-testid="conflict-keep-mine" on:click=move |_| drafts.keep_mine_as_copy(ws)>
                    {move || ws.tr("Giữ bản này thành bản nháp mới", "Keep this version as a new draft")}</button>
                <button data-testid="conflict-take-theirs" on:click=move |_| drafts.take_theirs(ws)>
                    {move || ws.tr("Mở bản của thẻ kia", "Open the other tab's version")}</button>
            </div>
        </Show>
        <Show when=move || drafts.deleted.get().is_some()>
            <div class="notice info" role="status" data-testid="draft-deleted">
                <span>{move || {
                    let n = drafts.deleted.get().unwrap_or_default();
                    if lang() { format!("Đã xóa bản nháp «{n}».") } else { format!("Deleted the draft '{n}'.") }
                }}</span>
                <button data-testid="draft-undo-delete" on:click=move |_| drafts.undo_delete(ws)>{move || ws.tr("Hoàn tác", "Undo")}</button>
                <button class="icon" on:click=move |_| drafts.deleted.set(None)>"×"</button>
            </div>
        </Show>
    }
}
