//! Reading and writing plans: JSON drafts, spreadsheets (import) and xlsx (export).

pub mod clipboard;
pub mod drafts;
pub mod import;
pub mod json;
pub mod xlsx_export;
