//! Times the import of a workbook natively, against calamine's parse alone, in one run.
//! `cargo run --release --example import_time -- fixtures/large.xlsx` prints median milliseconds
//! (used by the browser import benchmark, tests/e2e/bench/import.bench.mjs, for its ratio).

use std::time::Instant;

use calamine::Reader;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "fixtures/large.xlsx".into());
    let bytes = std::fs::read(&path).expect("read the workbook");
    let runs = 9;
    let mut parse = Vec::new();
    let mut full = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let mut wb =
            calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.as_slice())).expect("calamine opens it");
        for name in wb.sheet_names() {
            let _ = wb.worksheet_range(&name);
        }
        parse.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let result = kehoach::io::import::import(&bytes, &Default::default()).expect("kehoach imports it");
        let totals = kehoach::engine::Totals::compute(&result.plan);
        std::hint::black_box(totals.grand());
        full.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let (p, f) = (median(parse), median(full));
    println!("native calamine parse ms {p:.1}");
    println!("native kehoach import ms {f:.1}");
    println!("native ratio import/parse {:.2}", f / p);
}
