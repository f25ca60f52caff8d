//! Browser adapters: storage, files and the clock, behind small plain-Rust interfaces.

pub mod files;
pub mod storage;
pub mod worker;

/// Milliseconds since 1970, as an integer.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}
