//! Writes the seed corpora of the fuzz targets (`fuzz/seeds/<target>/`) from `fixtures/` and the
//! reference plans: `cargo run --example fuzz_seeds`. See `fuzz/README.md`.
//!
//! - `understand`: the grids of the small `.xlsx` (and a few other format) fixtures and of every
//!   office shape (`fixtures/offices/`, the large ones cut to the encoding's 64 rows), read with
//!   `open_workbook`, in the byte encoding of `fuzz/src/grid_input.rs`, some with import options;
//! - `json_draft`: `fixtures/seed-targets.json` and `to_json` of the reference plans, pretty and
//!   compact, and one version-0 draft;
//! - `plan_ops`: bytes from a fixed pseudo-random sequence (the target builds a draft and edits
//!   from any bytes);
//! - `workbook`: the smallest workbook fixtures and the office shapes under 64 KB (libFuzzer's
//!   `-max_len`) as they are.

#[path = "../fuzz/src/grid_input.rs"]
#[allow(dead_code)]
mod grid_input;

use std::path::{Path, PathBuf};

use kehoach::engine::Totals;
use kehoach::io::import::{ImportOptions, Orientation, open_workbook};
use kehoach::io::json::{to_json, write_json};
use kehoach::model::MoneyUnit;
use kehoach::reference;

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), bytes).unwrap();
    println!("{} ({} bytes)", dir.join(name).display(), bytes.len());
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fixtures = root.join("fixtures");
    let seeds = root.join("fuzz/seeds");

    // understand: every sheet of the small fixtures, encoded.
    let dir = seeds.join("understand");
    let files = [
        "seed_rows.xlsx",
        "seed_columns.xlsx",
        "seed_rows.ods",
        "seed_columns.xlsb",
        "text_numbers.xlsx",
        "billion_text.xlsx",
        "extra_columns_rows.xlsx",
        "extra_columns_cols.xlsx",
        "sections.xlsx",
        "wrong_subtotal.xlsx",
        "error_cells.xlsx",
        "funding_sheet.xlsx",
        "no_table.xlsx",
        "offices/annual_estimate_kinds.xlsx",
        "offices/annual_estimate_kinds.xls",
        "offices/district_estimate_dong.xlsx",
        "offices/district_estimate_dong.xls",
        "offices/dong_without_unit.xlsx",
        "offices/hidden_row_and_column.xlsx",
        "offices/hidden_row_and_column.xls",
        "offices/hidden_sheet_first.xlsx",
        "offices/ledger_accounts.xlsx",
        "offices/long_list_with_years.xlsx",
        "offices/medium_term_sources.xlsx",
        "offices/medium_term_sources.xls",
        "offices/memo_rows.xlsx",
        "offices/rows_30000.xlsx",
        "offices/tasks_agency_total_bottom.xlsx",
        "offices/tcvn3_labels.xlsx",
        "offices/tcvn3_labels.xls",
        "offices/total_in_billion.xlsx",
        "offices/unrelated_budget_rows.xlsx",
        "offices/vni_labels.xlsx",
        "offices/vni_labels.xls",
    ];
    for file in files {
        let bytes = std::fs::read(fixtures.join(file)).unwrap();
        let workbook = open_workbook(&bytes).unwrap();
        for (i, sheet) in workbook.sheets().iter().enumerate() {
            let grid = workbook.sheet(&sheet.name).unwrap();
            let stem = file.replace(['.', '/'], "_");
            write(&dir, &format!("{stem}_{i}"), &grid_input::encode(&grid, &ImportOptions::default()));
        }
    }
    // A few with corrections, as the import preview makes them.
    let with_options = [
        ("seed_rows.xlsx", ImportOptions { plan_unit: Some(MoneyUnit::Billion), ..Default::default() }),
        ("billion_text.xlsx", ImportOptions { plan_unit: Some(MoneyUnit::Million), ..Default::default() }),
        (
            "seed_columns.xlsx",
            ImportOptions { orientation: Some(Orientation::YearsAsColumns), header_row: Some(3), ..Default::default() },
        ),
        (
            "extra_columns_rows.xlsx",
            ImportOptions { unit: Some(MoneyUnit::Dong), not_money: vec![7, 8], ..Default::default() },
        ),
        // The agency column as the names, the total column skipped.
        (
            "offices/tasks_agency_total_bottom.xlsx",
            ImportOptions { name_field: Some(2), skip_fields: vec![8], ..Default::default() },
        ),
        // A year's parts by source skipped, the phase block's total skipped.
        ("offices/medium_term_sources.xlsx", ImportOptions { skip_fields: vec![2, 3, 17], ..Default::default() }),
        (
            "offices/annual_estimate_kinds.xlsx",
            ImportOptions { name_field: Some(0), skip_fields: vec![2], ..Default::default() },
        ),
    ];
    for (file, options) in with_options {
        let bytes = std::fs::read(fixtures.join(file)).unwrap();
        let workbook = open_workbook(&bytes).unwrap();
        let name = workbook.sheets()[0].name.clone();
        let grid = workbook.sheet(&name).unwrap();
        let stem = file.replace(['.', '/'], "_");
        write(&dir, &format!("{stem}_options"), &grid_input::encode(&grid, &options));
    }

    // json_draft: the fixture, the reference plans, a version-0 draft.
    let dir = seeds.join("json_draft");
    write(&dir, "seed-targets.json", &std::fs::read(fixtures.join("seed-targets.json")).unwrap());
    write(&dir, "reference.json", to_json("Bắc Kạn", &reference::plan()).as_bytes());
    let with_sources = reference::plan_with_sources();
    let totals = Totals::compute(&with_sources);
    write(&dir, "reference_sources_compact.json", write_json("x", &with_sources, &totals, false).as_bytes());
    write(&dir, "large_20_5.json", to_json("large", &reference::large_plan(20, 5)).as_bytes());
    let v0 = r#"{"title":"Kế hoạch","period":{"first":2012,"last":2020},"phases":[{"name":"GĐ 1","years":{"first":2012,"last":2015}}],"lines":[{"name":"Tuyên truyền","amounts":{"2013":70,"2014":"70.5"}},{"id":9,"name":"Quản lý","depth":1}],"sources":[{"name":"NSTW","kind":"central_budget","rule":{"type":"remainder"}}]}"#;
    write(&dir, "v0.json", v0.as_bytes());

    // workbook: small files of each format.
    // plan_ops: bytes from a fixed sequence, of every length up to a few hundred, some with the
    // first byte that makes a large draft.
    let dir = seeds.join("plan_ops");
    let mut rng = reference::Xorshift(0x5EED_0FC0_FFEE);
    for n in 0..24 {
        let len = 8 + n * 24;
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        bytes[0] = if n % 6 == 5 { 0xFF } else { bytes[0] % 0xF0 };
        write(&dir, &format!("seed-{n:02}.bin"), &bytes);
    }

    let dir = seeds.join("workbook");
    for file in [
        "seed_rows.xlsx",
        "seed_rows.xls",
        "seed_rows.xlsb",
        "seed_columns.xlsb",
        "truncated.xlsx",
        "not_a_spreadsheet.xlsx",
    ] {
        write(&dir, file, &std::fs::read(fixtures.join(file)).unwrap());
    }
    let mut offices: Vec<PathBuf> =
        std::fs::read_dir(fixtures.join("offices")).unwrap().map(|e| e.unwrap().path()).collect();
    offices.sort();
    for path in offices {
        let bytes = std::fs::read(&path).unwrap();
        if bytes.len() <= 65_536 {
            write(&dir, &format!("offices_{}", path.file_name().unwrap().to_string_lossy()), &bytes);
        }
    }
}
