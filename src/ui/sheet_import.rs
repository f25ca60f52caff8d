//! Spreadsheet import preview (placeholder until the import core lands).

use leptos::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::ui::import::{Import, Preview};

/// A spreadsheet being previewed.
#[derive(Clone)]
pub struct SheetPreview;

/// Starts understanding a spreadsheet's bytes.
pub fn start(import: Import, name: String, _bytes: Vec<u8>) {
    import.preview.set(Some(Preview::Refused {
        file: name.clone(),
        diagnostics: vec![Diagnostic::error(
            "not_yet",
            name,
            "Chưa hỗ trợ bảng tính.",
            "Spreadsheets are not supported yet.",
        )],
    }));
}

/// The preview of a spreadsheet.
#[component]
pub fn SheetPreviewView(preview: SheetPreview) -> impl IntoView {
    let _ = preview;
}
