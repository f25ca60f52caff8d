//! Engine benchmarks at planner scale: 2,000 lines × 30 years (60,000 cells); and a plan at every
//! limit at once (`reference::plan_at_limits`: 10,000 lines × 200 years, 1,000,000 amounts,
//! 1,000 phases, 5,000 sources, 5,000 targets of 200 milestones: a 31 MB draft).
//!
//! Run: `cargo bench --bench engine`. Prints criterion's figures, then a summary with the ratio of
//! a one-cell edit (incremental) to a full recompute, measured in the same run, and the times of
//! opening the plan at the limits (load, recompute, validate; the browser's goal is 2 s).

use std::hint::black_box;

use criterion::{Criterion, criterion_group};
use kehoach::engine::{Editor, FundingSplit, Totals};
use kehoach::reference::large_plan;
use rust_decimal::Decimal;

const LINES: usize = 2000;
const YEARS: usize = 30;

fn benches(c: &mut Criterion) {
    let plan = large_plan(LINES, YEARS);
    let mut group = c.benchmark_group("engine-2000x30");
    group.bench_function("full-recompute", |b| {
        b.iter(|| {
            let totals = Totals::compute(black_box(&plan));
            black_box(FundingSplit::compute(&plan, &totals))
        })
    });
    let mut editor = Editor::new(plan.clone());
    let mut k: i64 = 0;
    group.bench_function("one-edit", |b| {
        b.iter(|| {
            k += 1;
            let row = 1 + (k as usize * 7919) % (LINES - 1);
            let row = if editor.totals().is_group(row) { row + 1 } else { row };
            black_box(editor.set_cell(row, 2021 + (k % YEARS as i64) as i32, Some(Decimal::from(k % 1000))))
        })
    });
    group.bench_function("diagnostics", |b| b.iter(|| black_box(editor.diagnostics())));
    group.bench_function("json-write", |b| b.iter(|| black_box(kehoach::io::json::to_json("bench", &plan))));
    let json = kehoach::io::json::to_json("bench", &plan);
    group.bench_function("json-read", |b| b.iter(|| black_box(kehoach::io::json::from_json(&json).is_ok())));
    group.finish();
}

/// The plan at every limit: the JSON draft read, its totals and split recomputed, its
/// diagnostics.
fn at_limits(c: &mut Criterion) {
    use kehoach::model::limits::{MAX_CELLS, MAX_YEARS};
    let plan = kehoach::reference::plan_at_limits(MAX_CELLS / MAX_YEARS, 1_000_000, 200);
    let json = kehoach::io::json::write_json("at limits", &plan, &Totals::compute(&plan), false);
    assert!(kehoach::io::json::from_json(&json).is_ok());
    println!("plan at the limits: {} bytes of JSON", json.len());
    let mut group = c.benchmark_group("engine-at-limits");
    group.bench_function("load", |b| b.iter(|| black_box(kehoach::io::json::from_json(&json).is_ok())));
    group.bench_function("recompute", |b| {
        b.iter(|| {
            let totals = Totals::compute(black_box(&plan));
            black_box(FundingSplit::compute(&plan, &totals))
        })
    });
    let editor = Editor::new(plan.clone());
    group.bench_function("validate", |b| b.iter(|| black_box(editor.diagnostics())));
    group.finish();
}

criterion_group! {
    name = engine;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}

criterion_group! {
    name = limits;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(8));
    targets = at_limits
}

/// 30 unit drafts of 200 lines × 10 years consolidated (the browser's goal: under a second);
/// baseline in the same run: 3 such units.
fn consolidation(c: &mut Criterion) {
    use kehoach::engine::consolidate::{UnitDraft, consolidate};
    let drafts = |n: usize| -> Vec<UnitDraft> {
        kehoach::reference::unit_plans(n, 200, 10)
            .into_iter()
            .map(|(name, plan)| UnitDraft { name, origin: String::new(), plan })
            .collect()
    };
    let (thirty, three) = (drafts(30), drafts(3));
    let mut group = c.benchmark_group("consolidate");
    group.bench_function("30-units", |b| b.iter(|| black_box(consolidate(&thirty, &[], "T"))));
    group.bench_function("3-units", |b| b.iter(|| black_box(consolidate(&three, &[], "T"))));
    let out = consolidate(&thirty, &[], "T");
    let totals = Totals::compute(&out.plan);
    group.bench_function("unit-columns-30", |b| {
        b.iter(|| {
            black_box(kehoach::engine::consolidate::unit_columns(
                &out.plan,
                &totals,
                kehoach::engine::consolidate::Scope::Total,
            ))
        })
    });
    group.finish();
}

criterion_group! {
    name = consolidations;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = consolidation
}

fn estimate_ns(name: &str) -> Option<f64> {
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let path = format!("{target}/criterion/{name}/new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn main() {
    engine();
    limits();
    consolidations();
    Criterion::default().configure_from_args().final_summary();
    println!("\nSummary (median, {LINES} lines × {YEARS} years):");
    let names = ["full-recompute", "one-edit", "diagnostics", "json-write", "json-read"];
    for name in names {
        if let Some(ns) = estimate_ns(&format!("engine-2000x30/{name}")) {
            println!("  {name:<16} {:>12.3} µs", ns / 1000.0);
        }
    }
    if let (Some(full), Some(one)) =
        (estimate_ns("engine-2000x30/full-recompute"), estimate_ns("engine-2000x30/one-edit"))
    {
        println!("  one-edit is {:.0}× faster than a full recompute (baseline measured in this run)", full / one);
    }
    println!("\nThe plan at every limit (median):");
    let mut sum = 0.0;
    for name in ["load", "recompute", "validate"] {
        if let Some(ns) = estimate_ns(&format!("engine-at-limits/{name}")) {
            sum += ns;
            println!("  {name:<16} {:>12.1} ms", ns / 1e6);
        }
    }
    println!("  {:<16} {:>12.1} ms (goal: well under 1 s natively, 2 s in the browser)", "together", sum / 1e6);
}
