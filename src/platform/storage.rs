//! localStorage as a [`KeyValueStore`], through `gloo-storage`, with every failure turned into a
//! [`StoreError`].
//!
//! Values are stored as the plain strings they are (a draft's JSON text, an id), on
//! `LocalStorage::raw()`: gloo-storage's `set` would JSON-encode a string a second time and change
//! the stored bytes that drafts already saved in browsers are read from. Its calls that panic
//! (`expect_throw`) are not used where the browser may refuse: `LocalStorage::raw()` only once
//! localStorage has been reached without it, since a panic is a dead page here.

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
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
        // `LocalStorage::raw()` panics when localStorage is refused (disabled by settings, some
        // private modes): reach it without panicking first.
        let reached = web_sys::window().ok_or_else(|| "no window".to_string()).and_then(|w| match w.local_storage() {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err("no localStorage".to_string()),
            Err(e) => Err(why(refused(e))),
        });
        if let Err(why) = reached {
            return BrowserStore::Memory(MemoryStore::default(), why);
        }
        let s = LocalStorage::raw();
        // A browser may hand out a Storage that refuses every write (some private modes).
        let probe = "kehoach.probe";
        match s.set_item(probe, "1").map_err(refused) {
            Ok(()) => {
                let _ = s.remove_item(probe);
                BrowserStore::Local(s)
            }
            Err(StoreError::QuotaExceeded) => BrowserStore::Local(s),
            Err(e) => BrowserStore::Memory(MemoryStore::default(), why(e)),
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

/// Names of the error a browser throws when its localStorage is full (Firefox's older one too).
const QUOTA_NAMES: [&str; 2] = ["QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED"];

impl From<StorageError> for StoreError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::JsError(js) if QUOTA_NAMES.contains(&js.name.as_str()) => StoreError::QuotaExceeded,
            StorageError::JsError(js) => StoreError::Unavailable(format!("{}: {}", js.name, js.message)),
            other => StoreError::Unavailable(other.to_string()),
        }
    }
}

/// What the browser threw, as gloo-storage's error, then the store's.
fn refused(thrown: JsValue) -> StoreError {
    match thrown.dyn_into::<js_sys::Error>() {
        Ok(error) => StorageError::JsError(error.into()).into(),
        Err(other) => StoreError::Unavailable(other.as_string().unwrap_or_else(|| "unknown error".into())),
    }
}

/// The reason shown when storage is memory only.
fn why(e: StoreError) -> String {
    match e {
        StoreError::Unavailable(why) => why,
        other => other.to_string(),
    }
}

impl KeyValueStore for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        match self {
            BrowserStore::Local(s) => s.get_item(key).map_err(refused),
            BrowserStore::Memory(m, _) => m.get(key),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        match self {
            BrowserStore::Local(s) => s.set_item(key, value).map_err(refused),
            BrowserStore::Memory(m, _) => m.set(key, value),
        }
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        match self {
            BrowserStore::Local(s) => s.remove_item(key).map_err(refused),
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
