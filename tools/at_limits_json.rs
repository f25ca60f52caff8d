//! Writes the plan at every limit at once (`reference::plan_at_limits`, as the engine benchmark
//! opens it) as a JSON draft, for the browser benchmark (`tests/e2e/bench/limits.bench.mjs`).
//!
//! `cargo run --release --example at_limits_json -- <file>`
fn main() {
    use kehoach::model::limits::{MAX_CELLS, MAX_YEARS};
    let path = std::env::args().nth(1).unwrap_or_else(|| "at_limits.json".into());
    let plan = kehoach::reference::plan_at_limits(MAX_CELLS / MAX_YEARS, 1_000_000, 200);
    let totals = kehoach::engine::Totals::compute(&plan);
    let json = kehoach::io::json::write_json("Mọi giới hạn", &plan, &totals, false);
    std::fs::write(&path, &json).expect("writes the draft");
    println!("{path}: {} bytes, grand total {}", json.len(), totals.grand());
}
