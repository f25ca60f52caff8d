//! The page's client of the file worker (`import-worker.js`, running the `kehoach_io` module):
//! spreadsheet import and xlsx export happen there, off the page's thread.

use std::cell::RefCell;
use std::collections::HashMap;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// What the worker said about one request.
pub enum WorkerEvent {
    /// It started reading.
    Reading,
    /// The reply to an import (JSON).
    Reply(String),
    /// The bytes of an export.
    Bytes(Vec<u8>),
    /// It failed: the reader crashed or the worker could not start.
    Failed(String),
    /// The reader needed more memory than the browser gives a worker: the bytes it asked for
    /// (0: more than the address space, 2 GB at once).
    NoMemory(u64),
}

/// A worker whose memory grew past this after a reading is ended and started afresh
/// (WebAssembly memory never shrinks): memory goes back once a large or hostile file is read.
const FRESH_AFTER_BYTES: f64 = 256.0 * 1024.0 * 1024.0;

type Callback = Box<dyn FnMut(WorkerEvent)>;

struct Client {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    static PENDING: RefCell<HashMap<u32, Callback>> = RefCell::new(HashMap::new());
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
    /// The import requests not answered yet (an export is not stopped by a cancelled import).
    static IMPORTS: RefCell<std::collections::HashSet<u32>> = RefCell::new(std::collections::HashSet::new());
    /// The messages of the other requests not answered yet (exports: nothing transferred), to be
    /// sent again to the fresh worker when a cancelled import ends the one they were sent to.
    static RESEND: RefCell<HashMap<u32, js_sys::Object>> = RefCell::new(HashMap::new());
}

fn deliver(id: u32, event: WorkerEvent, done: bool) {
    if done {
        IMPORTS.with(|i| i.borrow_mut().remove(&id));
        RESEND.with(|r| r.borrow_mut().remove(&id));
    }
    let callback = PENDING.with(|p| if done { p.borrow_mut().remove(&id) } else { None });
    match callback {
        Some(mut cb) => cb(event),
        None if !done => PENDING.with(|p| {
            if let Some(cb) = p.borrow_mut().get_mut(&id) {
                cb(event);
            }
        }),
        None => {}
    }
}

/// Ends the worker (after a timeout); pending requests fail; the next one starts a fresh worker.
pub fn reset() {
    reset_with("the import worker was stopped".into());
}

fn start() -> Result<(), String> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options("import-worker.js", &options).map_err(|e| format!("{e:?}"))?;
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let data = ev.data();
        let get = |k: &str| js_sys::Reflect::get(&data, &JsValue::from_str(k)).ok();
        let Some(id) = get("id").and_then(|v| v.as_f64()).map(|v| v as u32) else { return };
        let memory = get("memory").and_then(|v| v.as_f64()).unwrap_or(0.0);
        if let Some(reply) = get("reply").and_then(|v| v.as_string()) {
            deliver(id, WorkerEvent::Reply(reply), true);
            refresh_if_grown(memory);
        } else if let Some(buffer) = get("bytes").filter(|v| v.is_instance_of::<js_sys::ArrayBuffer>()) {
            deliver(id, WorkerEvent::Bytes(js_sys::Uint8Array::new(&buffer).to_vec()), true);
            refresh_if_grown(memory);
        } else if let Some(error) = get("error").and_then(|v| v.as_string()) {
            let asked = get("asked").and_then(|v| v.as_f64()).unwrap_or(0.0);
            let panic = get("panic").and_then(|v| v.as_string()).unwrap_or_default();
            // A vector asked to outgrow the address space panics with "capacity overflow": that
            // is running out of memory too (more than 2 GB asked at once).
            let event = if asked > 0.0 {
                WorkerEvent::NoMemory(asked as u64)
            } else if panic.contains("capacity overflow") || panic.contains("memory allocation") {
                WorkerEvent::NoMemory(0)
            } else if !panic.is_empty() {
                WorkerEvent::Failed(format!("{error}: {panic}"))
            } else {
                WorkerEvent::Failed(error)
            };
            // The module may be broken after a crash: start afresh next time (after this
            // handler, which belongs to the worker being ended, has returned).
            deliver(id, event, true);
            later(|| {
                CLIENT.with(|c| {
                    if let Some(client) = c.borrow_mut().take() {
                        client.worker.terminate();
                    }
                })
            });
        } else if get("stage").is_some() {
            deliver(id, WorkerEvent::Reading, false);
        }
    });
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |ev: web_sys::ErrorEvent| {
        ev.prevent_default();
        let message = ev.message();
        reset_with(format!("the import worker failed: {message}"));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    CLIENT.with(|c| *c.borrow_mut() = Some(Client { worker, _on_message: on_message, _on_error: on_error }));
    Ok(())
}

fn reset_with(why: String) {
    CLIENT.with(|c| {
        if let Some(client) = c.borrow_mut().take() {
            client.worker.terminate();
        }
    });
    IMPORTS.with(|i| i.borrow_mut().clear());
    RESEND.with(|r| r.borrow_mut().clear());
    let pending: Vec<(u32, Callback)> = PENDING.with(|p| p.borrow_mut().drain().collect());
    for (_, mut cb) in pending {
        cb(WorkerEvent::Failed(why.clone()));
    }
}

/// Ends a worker whose memory grew large, when it has nothing else to do, and starts a fresh one.
fn refresh_if_grown(memory: f64) {
    if memory > FRESH_AFTER_BYTES {
        later(|| {
            if PENDING.with(|p| p.borrow().is_empty()) {
                reset_with(String::new());
                let _ = start();
            }
        });
    }
}

/// Runs `f` once the current event handler has returned.
fn later(f: impl FnOnce() + 'static) {
    let f = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 0);
    }
}

/// Stops the imports in progress at once, whatever they are reading: the worker is ended (its
/// memory goes with it) and a fresh one started. Their callbacks hear `Failed`. Nothing happens
/// when no import is in progress.
pub fn stop_imports() {
    let imports: Vec<u32> = IMPORTS.with(|i| i.borrow_mut().drain().collect());
    if imports.is_empty() {
        return;
    }
    CLIENT.with(|c| {
        if let Some(client) = c.borrow_mut().take() {
            client.worker.terminate();
        }
    });
    for id in imports {
        if let Some(mut cb) = PENDING.with(|p| p.borrow_mut().remove(&id)) {
            cb(WorkerEvent::Failed("the import was cancelled".into()));
        }
    }
    // An export asked meanwhile goes to the fresh worker, not down with the cancelled import.
    let resend: Vec<(u32, js_sys::Object)> = RESEND.with(|r| r.borrow().iter().map(|(k, v)| (*k, v.clone())).collect());
    if let Err(e) = start() {
        for (id, _) in resend {
            deliver(id, WorkerEvent::Failed(e.clone()), true);
        }
        return;
    }
    for (id, message) in resend {
        let sent = CLIENT.with(|c| c.borrow().as_ref().map(|client| client.worker.post_message(&message)));
        if !matches!(sent, Some(Ok(()))) {
            deliver(id, WorkerEvent::Failed("the file worker could not be restarted".into()), true);
        }
    }
}

/// Starts the worker ahead of need (after the page is ready), so its module is fetched during
/// the page's start, not later when the planner imports or exports.
pub fn warm() {
    if CLIENT.with(|c| c.borrow().is_none()) {
        let _ = start();
    }
}

/// Sends an import request; `callback` hears of its progress and gets the reply.
pub fn request(bytes: &[u8], options_json: &str, callback: impl FnMut(WorkerEvent) + 'static) {
    let array = js_sys::Uint8Array::from(bytes);
    let buffer = array.buffer();
    let id = send(
        &[("kind", "import".into()), ("bytes", buffer.clone().into()), ("options", options_json.into())],
        Some(buffer),
        callback,
    );
    if let Some(id) = id {
        IMPORTS.with(|i| i.borrow_mut().insert(id));
    }
}

/// Sends an export request: the draft as JSON, labels in `lang`; `callback` gets the xlsx bytes.
pub fn export_xlsx(draft_json: &str, lang: &str, callback: impl FnMut(WorkerEvent) + 'static) {
    let _ = send(&[("kind", "export".into()), ("draft", draft_json.into()), ("lang", lang.into())], None, callback);
}

/// Sends a Word export request: the draft as JSON, labels in `lang`, the budget with years as
/// rows or as columns; `callback` gets the .docx bytes.
pub fn export_docx(draft_json: &str, lang: &str, years_as_rows: bool, callback: impl FnMut(WorkerEvent) + 'static) {
    let fields = [
        ("kind", "export-docx".into()),
        ("draft", draft_json.into()),
        ("lang", lang.into()),
        ("yearsAsRows", JsValue::from_bool(years_as_rows)),
    ];
    let _ = send(&fields, None, callback);
}

fn send(
    fields: &[(&str, JsValue)],
    transfer: Option<js_sys::ArrayBuffer>,
    mut callback: impl FnMut(WorkerEvent) + 'static,
) -> Option<u32> {
    if CLIENT.with(|c| c.borrow().is_none())
        && let Err(e) = start()
    {
        callback(WorkerEvent::Failed(e));
        return None;
    }
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    PENDING.with(|p| p.borrow_mut().insert(id, Box::new(callback)));
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"id".into(), &JsValue::from(id));
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), value);
    }
    let transfer = match &transfer {
        Some(buffer) => js_sys::Array::of1(buffer),
        None => {
            RESEND.with(|r| r.borrow_mut().insert(id, message.clone()));
            js_sys::Array::new()
        }
    };
    let sent = CLIENT.with(|c| {
        c.borrow()
            .as_ref()
            .map(|client| client.worker.post_message_with_transfer(&message, &transfer).map_err(|e| format!("{e:?}")))
    });
    match sent {
        Some(Ok(())) => Some(id),
        Some(Err(e)) => {
            deliver(id, WorkerEvent::Failed(e), true);
            None
        }
        None => {
            deliver(id, WorkerEvent::Failed("no import worker".into()), true);
            None
        }
    }
}
