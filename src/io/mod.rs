//! Reading and writing plans: JSON drafts, spreadsheets (import), xlsx and docx (export).

pub mod clipboard;
pub mod docx_export;
pub mod drafts;
pub mod import;
pub mod json;
pub mod xlsx_export;
