//! Drafts in the browser: autosave (debounced, flushed when the page is hidden), the draft list,
//! reopening the last draft, storage failures, and two tabs editing the same draft.

use std::time::Duration;

use leptos::prelude::*;

use std::collections::BTreeMap;

use crate::diagnostic::Severity;
use crate::engine::Editor;
use crate::io::drafts::{Damage, DraftMeta, DraftStore, INDEX_KEY, SaveError, Saved, StoreError};
use crate::locale::format_decimal;
use crate::locale::{Message, Text};
use crate::model::Plan;
use crate::platform::storage::BrowserStore;
use crate::platform::{files, now_ms};
use crate::ui::state::{Document, Notices, Prefs, Session};

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
    pub fn start(doc: Document, session: Session, notices: Notices) -> Self {
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
            notices.push(Severity::Error, crate::text!("Lần trước, mở bản nháp «{name}» đã làm ứng dụng dừng. Bản nháp vẫn được giữ nguyên và được đánh dấu trong danh sách: có thể tải JSON của nó, xóa, hoặc thử mở lại.", "Last time, opening the draft '{name}' stopped the workbench. The draft is kept as it was and marked in the list: download its JSON, delete it, or try opening it again."));
            drafts.list_open.set(true);
        } else if asked_for_list {
            drafts.list_open.set(true);
        } else if let Some(id) = last {
            if drafts.damaged.get_untracked().contains_key(&id) {
                // Not reopened by itself: the list says why.
                drafts.list_open.set(true);
            } else {
                drafts.open(doc, session, notices, &id);
            }
        }

        // Autosave: every change marks the draft dirty and schedules a save.
        Effect::new(move |previous: Option<u64>| {
            let n = doc.changed.get();
            if previous.is_some_and(|p| p != n) {
                drafts.dirty.set(true);
                drafts.schedule(doc, session);
            }
            n
        });
        let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                drafts.save_now(doc, session);
            }
        });
        let pagehide = window_event_listener(leptos::ev::pagehide, move |_| drafts.save_now(doc, session));
        // Leaving with changes that are not stored (storage full or refused, a conflict, or
        // memory only) asks first; the banner with its download stays.
        let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
            drafts.save_now(doc, session);
            if drafts.unstored(session) {
                ev.prevent_default();
                ev.set_return_value("unsaved");
            }
        });
        let storage = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() == Some(INDEX_KEY) || ev.key().is_none() {
                drafts.on_external_change(doc, session, notices);
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
    fn show(&self, doc: Document, id: &str, name: String, editor: Editor) {
        self.store.update_value(|s| s.begin_opening(id));
        if crate::ui::app::debug_flag("panic-on-open") {
            // A deliberate failure while opening (used by the browser tests).
            panic!("deliberate panic while opening a draft (?debug=panic-on-open)");
        }
        doc.open(id.to_string(), name, editor);
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
    pub fn unstored(&self, session: Session) -> bool {
        session.has_draft.get_untracked() && (self.dirty.get_untracked() || self.memory_only.get_untracked().is_some())
    }

    /// Offers the stored text of draft `id` as a download, as it is.
    pub fn download_raw(&self, notices: Notices, id: &str) {
        let Some(text) = self.store.with_value(|s| s.raw(id)) else { return };
        let name = self
            .list
            .get_untracked()
            .into_iter()
            .find(|m| m.id == id)
            .map(|m| m.name)
            .unwrap_or_else(|| id.to_string());
        if let Err(e) = files::download(&crate::text::file_name(&name, "json"), "application/json", text.as_bytes()) {
            notices.push(Severity::Error, crate::text!("Không tải được tệp: {e}", "The download failed: {e}"));
        }
    }

    fn schedule(&self, doc: Document, session: Session) {
        let this = *self;
        let generation = self.generation.with_value(|g| g + 1);
        self.generation.set_value(generation);
        set_timeout(
            move || {
                if this.generation.get_value() == generation {
                    this.save_now(doc, session);
                }
            },
            AUTOSAVE_DELAY,
        );
    }

    /// Saves the open draft now if it has unsaved changes.
    pub fn save_now(&self, doc: Document, session: Session) {
        if !self.dirty.get_untracked() || !session.has_draft.get_untracked() || self.conflict.get_untracked() {
            return;
        }
        let id = session.draft_id.get_untracked();
        let name = session.draft_name.get_untracked();
        let expected = self.rev.get_untracked();
        let result = doc.with(|e| {
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
    fn on_external_change(&self, doc: Document, session: Session, notices: Notices) {
        self.refresh();
        if !session.has_draft.get_untracked() {
            return;
        }
        let id = session.draft_id.get_untracked();
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
                    self.reload(doc, &id);
                    notices.push(
                        Severity::Info,
                        crate::locale::Text::fixed(
                            "Bản nháp vừa được cập nhật từ một thẻ khác.",
                            "The draft was just updated from another tab.",
                        ),
                    );
                }
            }
            (None, Some(_)) => {
                // Deleted in another tab: keep it on screen, unsaved, so nothing is lost.
                self.rev.set(None);
                self.dirty.set(true);
                notices.push(Severity::Warning, crate::locale::Text::fixed("Bản nháp đang mở đã bị xóa ở một thẻ khác; nó vẫn còn ở đây và sẽ được lưu lại nếu bạn tiếp tục sửa.", "The open draft was deleted in another tab; it is still here and will be saved again if you keep editing."));
            }
            _ => {}
        }
    }

    fn reload(&self, doc: Document, id: &str) {
        let loaded = self.store.with_value(|s| s.load(id));
        if let Ok(Some(d)) = loaded {
            self.show_stored(doc, id, d.name, Editor::with_totals(d.plan, d.totals));
        }
    }

    /// Shows stored draft `id` as it is in storage: nothing unsaved, no conflict.
    fn show_stored(&self, doc: Document, id: &str, name: String, editor: Editor) {
        let rev = self.store.with_value(|s| s.meta(id)).map(|m| m.rev);
        self.show(doc, id, name, editor);
        self.saved.set_value(None);
        self.rev.set(rev);
        self.dirty.set(false);
        self.conflict.set(false);
    }

    /// Opens draft `id` (saving the current one first).
    pub fn open(&self, doc: Document, session: Session, notices: Notices, id: &str) {
        self.save_now(doc, session);
        match self.store.with_value(|s| s.load(id)) {
            Ok(Some(d)) => {
                self.show_stored(doc, id, d.name, Editor::with_totals(d.plan, d.totals));
                self.error.set(None);
                let _ = self.store.try_update_value(|s| s.set_last_opened(id));
                for w in d.warnings {
                    notices.push(Severity::Warning, w.text);
                }
            }
            Ok(None) => {}
            Err(errors) => {
                let first = errors.first().map(|e| e.text.clone()).unwrap_or_default();
                self.store.update_value(|s| s.mark_damaged(id, Damage::Unreadable));
                self.refresh();
                self.list_open.set(true);
                notices.push(
                    Severity::Error,
                    Text::fixed("Không mở được bản nháp đã lưu:", "The saved draft cannot be opened:")
                        .then(" ", &first),
                );
            }
        }
    }

    /// Opens `plan` as a new draft named `name` and saves it.
    pub fn create(&self, doc: Document, session: Session, name: String, plan: Plan) {
        self.create_with(doc, session, name, Editor::new(plan));
    }

    /// [`Drafts::create`] with the editor already started (a loaded draft's totals reused).
    pub fn create_with(&self, doc: Document, session: Session, name: String, editor: Editor) {
        self.save_now(doc, session);
        let name = self.unique_name(name);
        doc.open(crate::ui::app::new_id(), name, editor);
        self.rev.set(None);
        self.conflict.set(false);
        self.dirty.set(true);
        self.save_now(doc, session);
    }

    /// Saves a copy of draft `id` and opens it.
    pub fn duplicate(&self, doc: Document, prefs: Prefs, session: Session, id: &str) {
        if id == session.draft_id.get_untracked() {
            self.save_now(doc, session);
        }
        if let Ok(Some(d)) = self.store.with_value(|s| s.load(id)) {
            let suffix = crate::locale::label(prefs.lang.get_untracked(), "bản sao", "copy");
            self.create(doc, session, format!("{} ({suffix})", d.name), d.plan);
        }
    }

    /// Deletes draft `id`; the deletion can be undone until the next one.
    pub fn delete(&self, doc: Document, session: Session, notices: Notices, id: &str) {
        let name = self.store.with_value(|s| s.meta(id)).map(|m| m.name).unwrap_or_default();
        let result = self.store.try_update_value(|s| s.delete(id));
        if let Some(Err(e)) = result {
            self.error.set(Some(e));
            return;
        }
        self.deleted.set(Some(name));
        self.refresh();
        if id == session.draft_id.get_untracked() {
            session.has_draft.set(false);
            self.rev.set(None);
            self.dirty.set(false);
            if let Some(next) = self.list.get_untracked().first().map(|m| m.id.clone()) {
                self.open(doc, session, notices, &next);
            }
        }
    }

    /// Brings back the last deleted draft and opens it.
    pub fn undo_delete(&self, doc: Document, session: Session, notices: Notices) {
        let restored = self.store.try_update_value(|s| s.restore_deleted(now_ms()));
        self.deleted.set(None);
        self.refresh();
        if let Some(Ok(Some(id))) = restored {
            self.open(doc, session, notices, &id);
        }
    }

    /// `name`, or "name (2)" … if a saved draft has it: two drafts of one name cannot be told
    /// apart in the list.
    fn unique_name(&self, name: String) -> String {
        let taken: std::collections::HashSet<String> = self.list.get_untracked().into_iter().map(|m| m.name).collect();
        if taken.contains(&name) {
            (2..).map(|k| format!("{name} ({k})")).find(|n| !taken.contains(n)).unwrap_or(name)
        } else {
            name
        }
    }

    /// Saves `plan` as a new draft named `name` without opening it; its id, if it could be saved.
    pub fn store_copy(&self, name: String, plan: &Plan) -> Option<String> {
        let name = self.unique_name(name);
        let id = crate::ui::app::new_id();
        let saved = self.store.try_update_value(|s| s.save(&id, &name, plan, None, now_ms()));
        self.refresh();
        matches!(saved, Some(Ok(_))).then_some(id)
    }

    /// Loads draft `id` without opening it (for comparison).
    pub fn load_plan(&self, id: &str) -> Option<Plan> {
        self.store.with_value(|s| s.load(id)).ok().flatten().map(|d| d.plan)
    }

    /// Keeps this tab's version as a new draft after a conflict.
    pub fn keep_mine_as_copy(&self, doc: Document, prefs: Prefs, session: Session) {
        let plan = doc.with(|e| e.plan().clone());
        let suffix = crate::locale::label(prefs.lang.get_untracked(), "bản của thẻ này", "this tab's version");
        let name = format!("{} ({suffix})", session.draft_name.get_untracked());
        self.conflict.set(false);
        self.create(doc, session, name, plan);
    }

    /// Takes the other tab's version after a conflict.
    pub fn take_theirs(&self, doc: Document, session: Session) {
        let id = session.draft_id.get_untracked();
        self.reload(doc, &id);
    }
}

/// Downloads the open draft as `<name>.json`.
pub fn export_json(doc: Document, session: Session, notices: Notices) {
    let name = session.draft_name.get_untracked();
    let text = doc.with(|e| crate::io::json::to_json(&name, e.plan()));
    if let Err(e) = files::download(&crate::text::file_name(&name, "json"), "application/json", text.as_bytes()) {
        notices.push(Severity::Error, crate::text!("Không tải được tệp: {e}", "The download failed: {e}"));
    }
}

/// Downloads the open draft as `<name>.xlsx`, written by the file worker.
pub fn export_xlsx(doc: Document, prefs: Prefs, session: Session, notices: Notices) {
    export_file(doc, prefs, session, notices, Export::Xlsx);
}

/// Downloads the annex as a Word document (made in the file worker), in the grid's orientation.
pub fn export_docx(doc: Document, prefs: Prefs, session: Session, notices: Notices) {
    export_file(doc, prefs, session, notices, Export::Docx);
}

/// A file the worker writes from the draft.
#[derive(Clone, Copy)]
enum Export {
    /// The workbook.
    Xlsx,
    /// The Word annex.
    Docx,
}

fn export_file(doc: Document, prefs: Prefs, session: Session, notices: Notices, kind: Export) {
    let name = session.draft_name.get_untracked();
    let lang = prefs.lang.get_untracked();
    let draft = doc.with(|e| crate::io::json::write_json(&name, e.plan(), e.totals(), false));
    let (ext, mime) = match kind {
        Export::Xlsx => ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        Export::Docx => ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    };
    let on_event = move |event| match event {
        crate::platform::worker::WorkerEvent::Bytes(bytes) => {
            if let Err(e) = files::download(&crate::text::file_name(&name, ext), mime, &bytes) {
                notices.push(Severity::Error, crate::text!("Không tải được tệp: {e}", "The download failed: {e}"));
            }
        }
        crate::platform::worker::WorkerEvent::NoMemory(asked) => {
            let (vi, en) = match asked {
                0 => ("hơn 2 GB một lần".to_string(), "more than 2 GB at once".to_string()),
                n => crate::text::byte_size(n),
            };
            notices.push(
                Severity::Error,
                crate::text!(
                    "Không xuất được tệp {ext}: cần nhiều bộ nhớ hơn trình duyệt cho phép ({vi}).",
                    "The {ext} export failed: it needs more memory than the browser gives ({en})."
                ),
            )
        }
        crate::platform::worker::WorkerEvent::Failed(e) => notices
            .push(Severity::Error, crate::text!("Không xuất được tệp {ext}: {e}", "The {ext} export failed: {e}")),
        _ => {}
    };
    match kind {
        Export::Xlsx => crate::platform::worker::export_xlsx(&draft, lang.code(), on_event),
        Export::Docx => {
            crate::platform::worker::export_docx(&draft, lang.code(), prefs.transposed.get_untracked(), on_event)
        }
    }
}

/// The list of saved drafts, with open, duplicate, delete and compare.
#[component]
pub fn DraftList(on_close: Callback<()>) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let session = Session::get();
    let notices = Notices::get();
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
                        let current = { let id = id.clone(); move || session.has_draft.get() && session.draft_id.get() == id };
                        let unit = m.unit;
                        let damage = { let id = id.clone(); Signal::derive(move || drafts.damaged.with(|d| d.get(&id).copied())) };
                        let raw_id = id.clone();
                        view! {
                            <li class="draft-item" class:current=current class:damaged=move || damage.get().is_some()
                                data-testid="draft-item" data-draft-id=id.clone()
                                on:click=move |_| { drafts.open(doc, session, notices, &open_id); on_close.run(()); }>
                                <span class="name">{m.name.clone()}</span>
                                {move || damage.get().map(|d| view! {
                                    <span class="damage" role="note" data-testid="draft-damaged" data-value=match d { Damage::Crashed => "crashed", Damage::Unreadable => "unreadable" }>
                                        {move || d.text(prefs.lang.get())}
                                    </span>
                                })}
                                <span class="meta">
                                    {when(m.updated)}" · "
                                    <span data-testid="draft-item-total" data-value=crate::ui::state::data_value(m.grand_total)>
                                        {move || format!("{} {}", format_decimal(m.grand_total, prefs.lang.get()),
                                            unit.name().into_string(prefs.lang.get()))}
                                    </span>
                                </span>
                                <span class="actions">
                                    <button data-testid="draft-duplicate" title=move || prefs.tr("Nhân bản", "Duplicate")
                                        on:click=move |ev| { ev.stop_propagation(); drafts.duplicate(doc, prefs, session, &dup_id); on_close.run(()); }>{move || prefs.tr("Nhân bản", "Copy")}</button>
                                    <button data-testid="draft-compare" title=move || prefs.tr("So sánh với bản đang mở", "Compare with the open draft")
                                        on:click=move |ev| { ev.stop_propagation(); crate::ui::compare::compare_with(prefs, session, cmp_id.clone()); on_close.run(()); }>{move || prefs.tr("So sánh", "Compare")}</button>
                                    <Show when=move || damage.get().is_some()>
                                        {let raw_id = raw_id.clone(); view! {
                                        <button data-testid="draft-download" title=move || prefs.tr("Tải nội dung đã lưu (JSON) về máy", "Download the stored content (JSON)")
                                            on:click=move |ev| { ev.stop_propagation(); drafts.download_raw(notices, &raw_id); }>{move || prefs.tr("Tải JSON", "JSON")}</button>
                                        }}
                                    </Show>
                                    <button data-testid="draft-delete" title=move || prefs.tr("Xóa", "Delete")
                                        on:click=move |ev| { ev.stop_propagation(); drafts.delete(doc, session, notices, &del_id); }>{move || prefs.tr("Xóa", "Delete")}</button>
                                </span>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || drafts.list.get().is_empty()>
                <p class="muted">{move || prefs.tr("Chưa có bản nháp nào được lưu.", "No saved draft yet.")}</p>
            </Show>
            <button class="link" data-testid="draft-example" on:click=move |_| { crate::ui::app::open_example(doc, session); on_close.run(()); }>
                {move || prefs.tr("+ Mở ví dụ Bắc Kạn 2012–2020", "+ Open the Bắc Kạn 2012–2020 example")}
            </button>
            <p class="muted storage-usage" data-testid="storage-usage" data-value=move || drafts.usage.get().to_string()>
                {move || {
                    let kb = rust_decimal::Decimal::from(drafts.usage.get() as u64) / rust_decimal::Decimal::from(1024);
                    let kb = format_decimal(kb.round_dp(0), prefs.lang.get());
                    crate::text!("Bộ nhớ trình duyệt đã dùng: {kb} KB (thường tối đa khoảng 5 MB)", "Browser storage used: {kb} KB (usually about 5 MB at most)").into_string(prefs.lang.get())
                }}
            </p>
        </div>
    }
}

/// Banners about saving: storage full or unavailable, a conflict with another tab, an undoable
/// deletion.
#[component]
pub fn SaveBanners() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let session = Session::get();
    let notices = Notices::get();
    let drafts = Drafts::get();
    let lang = move || prefs.lang.get();
    view! {
        <Show when=move || drafts.error.get().is_some()>
            <div class="notice error" role="alert" data-testid="storage-error">
                <span>{move || drafts.error.get().map(|e| e.text(lang())).unwrap_or_default()}</span>
                <button data-testid="storage-download" on:click=move |_| export_json(doc, session, notices)>{move || prefs.tr("Tải JSON về máy", "Download JSON")}</button>
                <button on:click=move |_| { drafts.error.set(None); drafts.save_now(doc, session); }>{move || prefs.tr("Thử lưu lại", "Try again")}</button>
            </div>
        </Show>
        <Show when=move || drafts.memory_only.get().is_some()>
            <div class="notice warning" role="alert" data-testid="storage-unavailable">
                <span>{move || StoreError::Unavailable(drafts.memory_only.get().unwrap_or_default()).text(lang())}</span>
                <button on:click=move |_| export_json(doc, session, notices)>{move || prefs.tr("Tải JSON về máy", "Download JSON")}</button>
            </div>
        </Show>
        <Show when=move || drafts.conflict.get()>
            <div class="notice warning" role="alert" data-testid="draft-conflict">
                <span>{move || prefs.tr(
                    "Bản nháp này vừa được lưu ở một thẻ khác trong khi thẻ này cũng đang sửa. Không bản nào bị ghi đè.",
                    "This draft was saved in another tab while this tab was editing it too. Nothing was overwritten.")}</span>
                <button data-testid="conflict-keep-mine" on:click=move |_| drafts.keep_mine_as_copy(doc, prefs, session)>
                    {move || prefs.tr("Giữ bản này thành bản nháp mới", "Keep this version as a new draft")}</button>
                <button data-testid="conflict-take-theirs" on:click=move |_| drafts.take_theirs(doc, session)>
                    {move || prefs.tr("Mở bản của thẻ kia", "Open the other tab's version")}</button>
            </div>
        </Show>
        <Show when=move || drafts.deleted.get().is_some()>
            <div class="notice info" role="status" data-testid="draft-deleted">
                <span>{move || {
                    let n = drafts.deleted.get().unwrap_or_default();
                    crate::text!("Đã xóa bản nháp «{n}».", "Deleted the draft '{n}'.").into_string(lang())
                }}</span>
                <button data-testid="draft-undo-delete" on:click=move |_| drafts.undo_delete(doc, session, notices)>{move || prefs.tr("Hoàn tác", "Undo")}</button>
                <button class="icon" on:click=move |_| drafts.deleted.set(None)>"×"</button>
            </div>
        </Show>
    }
}
