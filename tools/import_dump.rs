//! Prints what the import makes of a spreadsheet: `cargo run --example import_dump -- FILE [SHEET]`.

use kehoach::engine::Totals;
use kehoach::io::import::{ImportOptions, import, open_workbook};
use kehoach::locale::{Lang, Message};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: import_dump FILE [SHEET]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    let options = ImportOptions { sheet: args.next(), ..ImportOptions::default() };
    if let Ok(wb) = open_workbook(&bytes) {
        println!("format {}  sheets {:?}", wb.format(), wb.sheets());
    }
    match import(&bytes, &options) {
        Err(e) => println!("error [{}]: {}\n  {}", e.code(), e.text(Lang::Vi), e.text(Lang::En)),
        Ok(r) => {
            let rec = &r.recognised;
            println!("sheet {:?} orientation {:?} header rows {:?}", rec.sheet, rec.orientation, rec.header_rows);
            println!("title {:?}", rec.title);
            println!("unit {:?} → plan unit {:?}, period {:?}", rec.unit, r.plan.unit, r.plan.period);
            println!("years {:?}", rec.years.iter().map(|y| y.year).collect::<Vec<_>>());
            for p in &rec.phases {
                println!("phase {:?}", p);
            }
            for e in &rec.excluded {
                println!("excluded {:?}", e);
            }
            println!("funding note {:?}", rec.funding_note);
            let totals = Totals::compute(&r.plan);
            for (i, line) in r.plan.lines.iter().enumerate().take(12) {
                println!(
                    "line {:?} code {:?} depth {} total {} amounts {:?}",
                    line.name,
                    line.code,
                    line.depth,
                    totals.line_total(i),
                    line.amounts.iter().take(10).collect::<Vec<_>>()
                );
            }
            if r.plan.lines.len() > 12 {
                println!("… {} lines", r.plan.lines.len());
            }
            let phases: Vec<String> = (0..r.plan.phases.len()).map(|p| totals.phase_total(p).to_string()).collect();
            println!("phase totals {:?}  grand {}", phases, totals.grand());
            for s in &r.plan.sources {
                println!("source {:?} {:?} {:?}", s.name, s.kind, s.rule);
            }
            for d in &r.diagnostics {
                println!("{:?} {} {}: {}", d.severity, d.code, d.location, d.text.get(Lang::En));
            }
        }
    }
}
