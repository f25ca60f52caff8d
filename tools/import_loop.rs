//! Imports a workbook many times in a loop, for a profiler (`perf record`). Not a benchmark.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "fixtures/large.xlsx".into());
    let bytes = std::fs::read(&path).expect("read the workbook");
    for _ in 0..30 {
        let result = kehoach::io::import::import(&bytes, &Default::default()).expect("imports");
        std::hint::black_box(kehoach::engine::Totals::compute(&result.plan).grand());
    }
}
