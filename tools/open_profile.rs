//! Times each step of opening a draft file as the page does (read, editor, diagnostics, save
//! attempt), for profiling with `perf record`: `cargo run --release --example open_profile -- FILE`.
use std::time::Instant;

use kehoach::engine::{Editor, validate};
use kehoach::io::json;

fn main() {
    let path = std::env::args().nth(1).expect("a draft file");
    let bytes = std::fs::read(&path).expect("readable");
    let runs: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(3);
    for _ in 0..runs {
        let t = Instant::now();
        let draft = json::from_json_bytes(&bytes).expect("a draft");
        let load = t.elapsed();
        let t = Instant::now();
        let editor = Editor::with_totals(draft.plan, draft.totals);
        let open = t.elapsed();
        let t = Instant::now();
        let diagnostics = validate(editor.plan(), editor.totals(), editor.split());
        let check = t.elapsed();
        let t = Instant::now();
        let text = json::write_json_within("x", editor.plan(), editor.totals(), 10 * 1024 * 1024);
        let save = t.elapsed();
        println!(
            "load {load:?}  editor {open:?}  diagnostics {check:?} ({})  bounded save {save:?} ({})",
            diagnostics.len(),
            text.map_or("refused".into(), |t| format!("{} bytes", t.len()))
        );
    }
}
