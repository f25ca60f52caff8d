//! The import as a message: what a Web Worker sends back to the page. Importing in a worker keeps
//! the page responsive on large sheets, and a failure inside the reader (a panic in a malformed
//! file's decoder) ends the worker, not the workbench.

use serde::{Deserialize, Serialize};

use super::{ImportOptions, ImportResult, Recognised, SheetInfo, import, open_workbook};
use crate::diagnostic::Diagnostic;
use crate::io::json;

/// The reply to an import request.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// The sheet was understood (possibly with errors in `diagnostics`).
    Done {
        /// Format found by content ("xlsx", "xls", "docx" …).
        format: String,
        /// The workbook's worksheets, or a Word document's tables (`Bảng N`, with their captions).
        sheets: Vec<SheetInfo>,
        /// The plan as a draft file (JSON format v1).
        plan: String,
        /// What was recognised where.
        recognised: Box<Recognised>,
        /// Diagnostics at their cells.
        diagnostics: Vec<Diagnostic>,
    },
    /// The file cannot be read at all.
    Refused {
        /// Stable code of the error.
        code: String,
        /// What the planner reads.
        text: crate::locale::Text,
    },
}

/// Imports `bytes` with `options` and answers as a [`Reply`].
pub fn import_reply(bytes: &[u8], options: &ImportOptions) -> Reply {
    let refused = |e: super::ImportError| Reply::Refused {
        code: e.code().to_string(),
        text: crate::locale::Message::to_text(&e),
    };
    let listed = if super::docx::is_docx(bytes) {
        super::docx::list_tables(bytes).map(|tables| ("docx".to_string(), tables))
    } else {
        open_workbook(bytes).map(|w| (w.format().extension().trim_start_matches('.').to_string(), w.sheets().to_vec()))
    };
    let (format, sheets) = match listed {
        Ok(listed) => listed,
        Err(e) => return refused(e),
    };
    match import(bytes, options) {
        Ok(ImportResult { plan, recognised, diagnostics }) => {
            let totals = crate::engine::Totals::compute(&plan);
            Reply::Done {
                format,
                sheets,
                plan: json::write_json("", &plan, &totals, false),
                recognised: Box::new(recognised),
                diagnostics,
            }
        }
        Err(e) => refused(e),
    }
}

/// [`import_reply`] for a worker: options and reply as JSON text.
pub fn import_json(bytes: &[u8], options_json: &str) -> String {
    let options: ImportOptions = serde_json::from_str(options_json).unwrap_or_default();
    serde_json::to_string(&import_reply(bytes, &options)).unwrap_or_default()
}

/// The page's side: the reply back into an [`ImportResult`] and the workbook's facts.
pub fn read_reply(text: &str) -> Result<(String, Vec<SheetInfo>, ImportResult), Reply> {
    let broken = || Reply::Refused {
        code: "worker_reply".into(),
        text: crate::locale::Text::fixed("Không đọc được kết quả nhập tệp.", "The import's result could not be read."),
    };
    match serde_json::from_str::<Reply>(text) {
        Ok(Reply::Done { format, sheets, plan, recognised, diagnostics }) => match json::from_json(&plan) {
            Ok(draft) => Ok((format, sheets, ImportResult { plan: draft.plan, recognised: *recognised, diagnostics })),
            Err(_) => Err(broken()),
        },
        Ok(refused) => Err(refused),
        Err(_) => Err(broken()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Lang;

    #[test]
    fn a_reply_round_trips() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seed_rows.xlsx")).unwrap();
        let text = import_json(&bytes, "{}");
        let (format, sheets, result) = read_reply(&text).unwrap();
        assert_eq!(format, "xlsx");
        assert!(!sheets.is_empty());
        let direct = import(&bytes, &ImportOptions::default()).unwrap();
        assert_eq!(result.plan, direct.plan);
        assert_eq!(result.diagnostics, direct.diagnostics);
        assert_eq!(result.recognised, direct.recognised);
    }

    #[test]
    fn refusals_carry_their_message() {
        let text = import_json(b"%PDF-1.4 not a sheet", "{}");
        match read_reply(&text) {
            Err(Reply::Refused { text, .. }) => {
                assert!(!text.get(Lang::Vi).is_empty());
                assert!(!text.get(Lang::En).is_empty());
            }
            other => panic!("{other:?}"),
        }
    }
}
