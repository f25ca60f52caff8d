//! Writes unit drafts for the consolidation benchmark (`tests/e2e/bench/consolidate.bench.mjs`):
//! `reference::unit_plans` as JSON drafts, one file each, and prints the sum of their totals in
//! triệu đồng (what the consolidation must show).
//!
//! `cargo run --release --example unit_drafts -- <folder> [units] [lines] [years]`
fn main() {
    use kehoach::model::MoneyUnit;
    let mut args = std::env::args().skip(1);
    let folder = args.next().unwrap_or_else(|| "unit_drafts".into());
    let mut num = |d: usize| args.next().and_then(|a| a.parse().ok()).unwrap_or(d);
    let (units, lines, years) = (num(30), num(200), num(10));
    std::fs::create_dir_all(&folder).expect("creates the folder");
    let mut sum = rust_decimal::Decimal::ZERO;
    for (k, (name, plan)) in kehoach::reference::unit_plans(units, lines, years).into_iter().enumerate() {
        let totals = kehoach::engine::Totals::compute(&plan);
        sum += plan.unit.convert(totals.grand(), MoneyUnit::Million);
        let json = kehoach::io::json::write_json(&name, &plan, &totals, false);
        std::fs::write(format!("{folder}/unit_{:02}.json", k + 1), json).expect("writes a draft");
    }
    println!("{}", sum.normalize());
}
