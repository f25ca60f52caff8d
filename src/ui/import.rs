//! Importing a file: the picker, then a preview of what was understood, with its diagnostics,
//! before anything changes. An import never modifies the open draft: confirming opens a new one.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::diagnostic::Diagnostic;
use crate::io::json::{self, LoadedDraft};
use crate::ui::diagnostics::DiagnosticList;
use crate::ui::drafts::Drafts;
use crate::ui::lazy::{lazy, lazy_view};
use crate::ui::state::{Document, Prefs, Session};

/// Largest file read, in bytes, by its name: a JSON draft's limit for `.json`, a workbook's
/// otherwise (each reader holds its own too).
pub fn max_file_bytes(name: &str) -> u64 {
    if name.to_lowercase().ends_with(".json") {
        crate::model::limits::MAX_DRAFT_BYTES as u64
    } else {
        crate::io::import::limits::MAX_FILE_BYTES as u64
    }
}

/// What the preview shows.
#[derive(Clone)]
pub enum Preview {
    /// The file is being read.
    Reading(String),
    /// A JSON draft that can be opened.
    Json {
        /// File name.
        file: String,
        /// What was read.
        draft: Box<LoadedDraft>,
    },
    /// A spreadsheet being understood.
    Sheet(crate::ui::sheet_import::SheetPreview),
    /// A file that cannot be imported, with why.
    Refused {
        /// File name.
        file: String,
        /// Why, with places.
        diagnostics: Vec<Diagnostic>,
    },
}

/// The import state, shared by context.
#[derive(Clone, Copy)]
pub struct Import {
    /// The preview on screen, if any.
    pub preview: RwSignal<Option<Preview>, LocalStorage>,
}

impl Import {
    /// The import state provided by the app root.
    pub fn get() -> Self {
        expect_context::<Import>()
    }

    /// Creates the state.
    pub fn new(session: Session) -> Self {
        let import = Import { preview: RwSignal::new_local(None) };
        Effect::new(move |_| session.importing.set(import.preview.with(|p| p.is_some())));
        import
    }

    /// Leaves everything as it was.
    pub fn cancel(&self) {
        // Cancel means stop: a file still being read is not read on behind the planner's back.
        crate::platform::worker::stop_imports();
        self.preview.set(None);
    }
}

/// Reads a picked file and shows its preview.
pub fn read_picked(file: web_sys::File) {
    let import = Import::get();
    let name = file.name();
    let size = file.size() as u64;
    let limit = max_file_bytes(&name);
    if size > limit {
        import.preview.set(Some(Preview::Refused {
            file: name.clone(),
            diagnostics: vec![Diagnostic::error(
                "file_too_large",
                crate::diagnostic::Location::File(name),
                crate::text!(
                    "Tệp quá lớn ({} MB); giới hạn là {} MB.",
                    "The file is too large ({} MB); the limit is {} MB.",
                    size / 1_048_576,
                    limit / 1_048_576
                ),
            )],
        }));
        return;
    }
    import.preview.set(Some(Preview::Reading(name.clone())));
    leptos::task::spawn_local(async move {
        match crate::platform::files::read_bytes(&file).await {
            Ok(bytes) => show(import, name, bytes),
            Err(e) => import.preview.set(Some(Preview::Refused {
                file: name.clone(),
                diagnostics: vec![Diagnostic::error(
                    "file_unreadable",
                    crate::diagnostic::Location::File(name),
                    crate::text!("Không đọc được tệp: {e}", "The file cannot be read: {e}"),
                )],
            })),
        }
    });
}

fn show(import: Import, name: String, bytes: Vec<u8>) {
    // A draft by its content or its name: an empty or UTF-16 `.json` is told as such, never sent
    // to the spreadsheet import.
    if json::is_draft_file(&name, &bytes) {
        let preview = match json::from_json_bytes(&bytes) {
            Ok(draft) => Preview::Json { file: name, draft: Box::new(draft) },
            Err(errors) => {
                Preview::Refused { file: name, diagnostics: errors.iter().map(|e| e.to_diagnostic()).collect() }
            }
        };
        import.preview.set(Some(preview));
    } else {
        crate::ui::sheet_import::start(import, name, bytes);
    }
}

/// The file picker (`import-file`).
#[component]
pub fn ImportButton() -> impl IntoView {
    let prefs = Prefs::get();
    let on_change = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            read_picked(file);
        }
        // Picking the same file again must work too.
        input.set_value("");
    };
    view! {
        <label class="file-button" title=move || prefs.tr("Nhập bảng Excel (.xlsx, .xls, .xlsb, .ods), bảng trong văn bản Word (.docx) hoặc bản nháp .json", "Import an Excel sheet (.xlsx, .xls, .xlsb, .ods), a table of a Word document (.docx) or a .json draft")>
            {move || prefs.tr("Nhập tệp…", "Import…")}
            <input type="file" data-testid="import-file" accept=".xlsx,.xlsm,.xls,.xlsb,.ods,.docx,.json,application/json" on:change=on_change />
        </label>
    }
}

/// The preview panel (`import-preview`).
#[component]
pub fn ImportPreview() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let session = Session::get();
    let import = Import::get();
    let drafts = Drafts::get();
    let confirm_json = move |_| {
        let Some(Preview::Json { file, draft }) = import.preview.get_untracked() else { return };
        let name =
            if draft.name.trim().is_empty() { file.trim_end_matches(".json").to_string() } else { draft.name.clone() };
        import.preview.set(None);
        let draft = *draft;
        drafts.create_with(doc, session, name, crate::engine::Editor::with_totals(draft.plan, draft.totals));
    };
    view! {
        <Show when=move || import.preview.with(|p| p.is_some())>
            <div class="overlay">
                <section class="import-preview panel" data-testid="import-preview" role="dialog">
                    {move || match import.preview.get() {
                        None => ().into_any(),
                        Some(Preview::Reading(file)) => view! {
                            <h3>{file}</h3>
                            <p data-testid="import-progress">{prefs.tr("Đang đọc tệp…", "Reading the file…")}</p>
                            <button data-testid="import-cancel" on:click=move |_| import.cancel()>{prefs.tr("Hủy", "Cancel")}</button>
                        }.into_any(),
                        Some(Preview::Json { file, draft }) => {
                            let plan = &draft.plan;
                            let totals = &draft.totals;
                            let summary = crate::text!("Bản nháp kehoach (định dạng v{}): «{}», {} dòng, {} giai đoạn, {} nguồn, {} chỉ tiêu; tổng {}.", "kehoach draft (format v{}): '{}', {} lines, {} phases, {} sources, {} targets; total {}.", draft.version.max(1), draft.name, plan.lines.len(), plan.phases.len(), plan.sources.len(), plan.targets.len(),
                                    crate::locale::format_decimal(totals.grand(), prefs.lang.get())).into_string(prefs.lang.get());
                            let warnings = draft.warnings.clone();
                            view! {
                                <h3>{file}</h3>
                                <p data-testid="import-summary">{summary}</p>
                                <DiagnosticList items=Signal::derive(move || warnings.clone()) />
                                <div class="actions">
                                    <button class="primary" data-testid="import-confirm" on:click=confirm_json>
                                        {prefs.tr("Mở thành bản nháp mới", "Open as a new draft")}</button>
                                    <button data-testid="import-cancel" on:click=move |_| import.cancel()>{prefs.tr("Hủy", "Cancel")}</button>
                                </div>
                            }.into_any()
                        }
                        Some(Preview::Sheet(p)) => lazy_view(lazy!(crate::ui::sheet_import::sheet_preview_lazy(p))).into_any(),
                        Some(Preview::Refused { file, diagnostics }) => view! {
                            <h3>{file}</h3>
                            <p>{prefs.tr("Không thể nhập tệp này. Bản nháp đang mở không bị thay đổi.", "This file cannot be imported. The open draft is unchanged.")}</p>
                            <DiagnosticList items=Signal::derive(move || diagnostics.clone()) />
                            <div class="actions">
                                <button class="primary" data-testid="import-confirm" disabled=true>{prefs.tr("Mở thành bản nháp mới", "Open as a new draft")}</button>
                                <button data-testid="import-cancel" on:click=move |_| import.cancel()>{prefs.tr("Đóng", "Close")}</button>
                            </div>
                        }.into_any(),
                    }}
                </section>
            </div>
        </Show>
    }
}
