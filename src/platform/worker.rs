//! The import worker: the worker's entry point (exported to JavaScript) and the page's client.

use std::cell::RefCell;
use std::collections::HashMap;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Worker side: imports `bytes` with the JSON `options` and returns the JSON reply
/// (see [`crate::io::import::remote`]).
#[wasm_bindgen]
pub fn kehoach_import(bytes: &[u8], options: &str) -> String {
    crate::io::import::remote::import_json(bytes, options)
}

/// What the worker said about one request.
pub enum WorkerEvent {
    /// It started reading.
    Reading,
    /// The reply (JSON).
    Reply(String),
    /// It failed: the reader crashed or the worker could not start.
    Failed(String),
}

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
}

fn deliver(id: u32, event: WorkerEvent, done: bool) {
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
        if let Some(reply) = get("reply").and_then(|v| v.as_string()) {
            deliver(id, WorkerEvent::Reply(reply), true);
        } else if let Some(error) = get("error").and_then(|v| v.as_string()) {
            // The module may be broken after a crash: start afresh next time.
            deliver(id, WorkerEvent::Failed(error), true);
            CLIENT.with(|c| {
                if let Some(client) = c.borrow_mut().take() {
                    client.worker.terminate();
                }
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
    let pending: Vec<(u32, Callback)> = PENDING.with(|p| p.borrow_mut().drain().collect());
    for (_, mut cb) in pending {
        cb(WorkerEvent::Failed(why.clone()));
    }
}

/// Sends an import request; `callback` hears of its progress and gets the reply.
pub fn request(bytes: &[u8], options_json: &str, mut callback: impl FnMut(WorkerEvent) + 'static) {
    if CLIENT.with(|c| c.borrow().is_none()) {
        if let Err(e) = start() {
            callback(WorkerEvent::Failed(e));
            return;
        }
    }
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    PENDING.with(|p| p.borrow_mut().insert(id, Box::new(callback)));
    let message = js_sys::Object::new();
    let array = js_sys::Uint8Array::from(bytes);
    let buffer = array.buffer();
    let _ = js_sys::Reflect::set(&message, &"id".into(), &JsValue::from(id));
    let _ = js_sys::Reflect::set(&message, &"bytes".into(), &buffer);
    let _ = js_sys::Reflect::set(&message, &"options".into(), &JsValue::from_str(options_json));
    let transfer = js_sys::Array::of1(&buffer);
    let sent = CLIENT.with(|c| {
        c.borrow()
            .as_ref()
            .map(|client| client.worker.post_message_with_transfer(&message, &transfer).map_err(|e| format!("{e:?}")))
    });
    match sent {
        Some(Ok(())) => {}
        Some(Err(e)) => deliver(id, WorkerEvent::Failed(e), true),
        None => deliver(id, WorkerEvent::Failed("no import worker".into()), true),
    }
}
