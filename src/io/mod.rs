//! Reading and writing plans: JSON drafts, spreadsheets (import) and xlsx (export).

pub mod clipboard;
pub mod json;
