//! Splits the import time of a workbook into reading and understanding (for profiling).
fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "fixtures/large.xlsx".into());
    let bytes = std::fs::read(&path).expect("read");
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let wb = kehoach::io::import::open_workbook(&bytes).expect("opens");
        let name = wb.sheets()[0].name.clone();
        let grid = wb.sheet(&name).expect("sheet");
        let read = t.elapsed().as_secs_f64() * 1000.0;
        let t = std::time::Instant::now();
        let r = kehoach::io::import::understand(&grid, &Default::default());
        let und = t.elapsed().as_secs_f64() * 1000.0;
        std::hint::black_box(r);
        println!("read {read:.1} ms, understand {und:.1} ms");
    }
}
