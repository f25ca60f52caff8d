//! Import benchmark on `fixtures/large.xlsx`: 2,000 lines × 30 years with 18,000 formulas.
//!
//! Run: `cargo bench --bench import`. Prints criterion's figures, then a summary comparing
//! calamine's own parse of the sheet with the whole import (open, read within limits, understand,
//! cross-check, totals), measured in the same run.

use std::hint::black_box;
use std::io::Cursor;

use calamine::Reader;
use criterion::{Criterion, criterion_group};
use kehoach::engine::Totals;
use kehoach::io::import::{ImportOptions, open_workbook, understand};

const SHEET: &str = "Kinh phí";
const GROUP: &str = "import-large";

fn large() -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/large.xlsx");
    std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e} (run cargo run --example make_fixtures)"))
}

fn benches(c: &mut Criterion) {
    let bytes = large();
    let options = ImportOptions::default();
    let mut group = c.benchmark_group(GROUP);
    group.bench_function("calamine-parse", |b| {
        b.iter(|| {
            let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(black_box(&bytes[..]))).expect("opens");
            black_box(wb.worksheet_range(SHEET).expect("reads").get_size())
        })
    });
    group.bench_function("read-grid", |b| {
        b.iter(|| black_box(open_workbook(black_box(&bytes)).expect("opens").sheet(SHEET).expect("reads").rows()))
    });
    let grid = open_workbook(&bytes).expect("opens").sheet(SHEET).expect("reads");
    group.bench_function("understand", |b| {
        b.iter(|| black_box(understand(black_box(&grid), &options).plan.lines.len()))
    });
    group.bench_function("import-full", |b| {
        b.iter(|| {
            let grid = open_workbook(black_box(&bytes)).expect("opens").sheet(SHEET).expect("reads");
            let result = understand(&grid, &options);
            black_box(Totals::compute(&result.plan).grand())
        })
    });
    group.finish();
}

criterion_group! {
    name = import;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(8));
    targets = benches
}

fn criterion_home() -> std::path::PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return home.into();
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| "target".into());
    target.join("criterion")
}

fn estimate_ns(name: &str) -> Option<f64> {
    let path = criterion_home().join(GROUP).join(name).join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn main() {
    import();
    Criterion::default().configure_from_args().final_summary();
    println!("\nSummary (median, fixtures/large.xlsx: 2,000 lines × 30 years, 18,000 formulas):");
    for name in ["calamine-parse", "read-grid", "understand", "import-full"] {
        if let Some(ns) = estimate_ns(name) {
            println!("  {name:<16} {:>10.1} ms", ns / 1e6);
        }
    }
    if let (Some(parse), Some(full)) = (estimate_ns("calamine-parse"), estimate_ns("import-full")) {
        println!("  the full import takes {:.2}× calamine's parse alone (measured in this run)", full / parse);
    }
}
