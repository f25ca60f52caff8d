//! localStorage as a [`KeyValueStore`], with every failure turned into a [`StoreError`].
//!
//! The browser's `Storage` is used directly: `gloo-storage` 0.3 panics (`expect_throw`) when
//! storage is disabled and JSON-encodes strings again on `set`, and a panic is a dead page here.

use wasm_bindgen::{JsCast, JsValue};

use crate::io::drafts::{KeyValueStore, MemoryStore, StoreError};

/// The browser's localStorage, or an in-memory stand-in when the browser refuses it.
pub enum BrowserStore {
    /// localStorage.
    Local(web_sys::Storage),
    /// Memory only: nothing survives a reload (the UI says so).
    Memory(MemoryStore, String),
}

impl BrowserStore {
    /// Opens localStorage, or memory when it is unavailable (with the reason).
    pub fn open() -> Self {
        let storage = web_sys::window().ok_or_else(|| "no window".to_string()).and_then(|w| {
            w.local_storage().map_err(|e| describe(&e)).and_then(|s| s.ok_or_else(|| "no localStorage".to_string()))
        });
        match storage {
            Ok(s) => {
                // A browser may hand out a Storage that refuses every write (some private modes).
                let probe = "kehoach.probe";
                match s.set_item(probe, "1") {
                    Ok(()) => {
                        let _ = s.remove_item(probe);
                        BrowserStore::Local(s)
                    }
                    Err(e) if is_quota(&e) => BrowserStore::Local(s),
                    Err(e) => BrowserStore::Memory(MemoryStore::default(), describe(&e)),
                }
            }
            Err(why) => BrowserStore::Memory(MemoryStore::default(), why),
        }
    }

    /// Why storage is memory only, if it is.
    pub fn unavailable(&self) -> Option<&str> {
        match self {
            BrowserStore::Local(_) => None,
            BrowserStore::Memory(_, why) => Some(why),
        }
    }
}

fn describe(e: &JsValue) -> String {
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        format!("{}: {}", ex.name(), ex.message())
    } else {
        e.as_string().unwrap_or_else(|| "unknown error".into())
    }
}

fn is_quota(e: &JsValue) -> bool {
    e.dyn_ref::<web_sys::DomException>()
        .map(|ex| ex.name() == "QuotaExceededError" || ex.code() == 22 || ex.name() == "NS_ERROR_DOM_QUOTA_REACHED")
        .unwrap_or(false)
}

impl KeyValueStore for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        match self {
            BrowserStore::Local(s) => s.get_item(key).map_err(|e| StoreError::Unavailable(describe(&e))),
            BrowserStore::Memory(m, _) => m.get(key),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        match self {
            BrowserStore::Local(s) => s.set_item(key, value).map_err(|e| {
                if is_quota(&e) { StoreError::QuotaExceeded } else { StoreError::Unavailable(describe(&e)) }
            }),
            BrowserStore::Memory(m, _) => m.set(key, value),
        }
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        match self {
            BrowserStore::Local(s) => s.remove_item(key).map_err(|e| StoreError::Unavailable(describe(&e))),
            BrowserStore::Memory(m, _) => m.remove(key),
        }
    }

    fn keys(&self) -> Vec<String> {
        match self {
            BrowserStore::Local(s) => {
                let n = s.length().unwrap_or(0);
                (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
            }
            BrowserStore::Memory(m, _) => m.keys(),
        }
    }

    fn capacity(&self) -> Option<usize> {
        match self {
            BrowserStore::Local(_) => Some(LOCAL_STORAGE_MOST),
            BrowserStore::Memory(m, _) => m.capacity(),
        }
    }
}

/// More than any browser's localStorage holds for one site (Chromium: 10 MiB, counting text
/// outside Latin-1 twice; Firefox and Safari: 5 MiB): a draft text longer than this is refused
/// without asking the browser.
const LOCAL_STORAGE_MOST: usize = 10 * 1024 * 1024;
