//! What each fuzz target checks on one input. Shared by the fuzz targets and by the native
//! regression tests (`tests/fuzz_regressions.rs`, which include this file and `grid_input.rs` by
//! path), so a crash found by fuzzing is replayed by `cargo test` exactly as the fuzzer ran it.
//! Each function panics on a failure; returning is success.

use kehoach::engine::{Editor, FundingSplit, Totals, validate};
use kehoach::io::import::{ImportOptions, Region, SheetGrid, open_workbook, understand};
use kehoach::io::json::{from_json, from_json_bytes, is_draft_file, to_json, write_json};
use kehoach::text::legacy::{self, Legacy, SheetVote};

use crate::grid_input;

/// `understand` on the grid and options the bytes decode to; then the engine on the plan it makes
/// (totals, funding split, diagnostics, as `Editor::new` and `Editor::diagnostics` compute them:
/// sums must not overflow), and the plan saved as a draft and reopened, as the browser does with
/// an imported plan: it must read back unchanged.
pub fn understand_bytes(data: &[u8]) {
    let (grid, options) = grid_input::decode(data);
    legacy_text(&grid);
    let result = understand(&grid, &options);
    check_plan(result.plan);
    // The same grid read within a range the planner marks, drawn from the input's last bytes
    // (so the encoding of the grid is unchanged): what lies outside may not break anything.
    if let [.., a, b, c, d] = *data {
        let range = Region {
            first_row: u32::from(a % 16),
            first_col: u32::from(b % 8),
            last_row: u32::from(a % 16) + u32::from(c % 64),
            last_col: u32::from(b % 8) + u32::from(d % 16),
        };
        let result = understand(&grid, &ImportOptions { range: Some(range), ..options });
        let outside: u32 = result.recognised.excluded.iter().map(|x| x.count).sum();
        assert!(outside <= grid.rows().saturating_mul(grid.cols()), "more figures outside than cells");
        check_plan(result.plan);
    }
}

/// An imported plan: totals, split and diagnostics computed without a panic, and it survives
/// being saved and reopened unchanged.
fn check_plan(plan: kehoach::model::Plan) {
    let totals = Totals::compute(&plan);
    let split = FundingSplit::compute(&plan, &totals);
    let _ = validate(&plan, &totals, &split);

    let json = to_json("import", &plan);
    match from_json(&json) {
        Ok(again) => assert_eq!(again.plan, plan, "the imported plan changed when saved and reopened"),
        Err(e) => panic!("the imported plan cannot be reopened: {e:?}\n{json}"),
    }
}

/// The legacy-encoding functions the reader applies to a sheet's text (`src/text/legacy.rs`) on
/// every text cell of the grid: the sheet's vote, detection, the plausibility test and decoding
/// in both encodings, and the text read as a font name. Nothing may panic.
fn legacy_text(grid: &SheetGrid) {
    let mut vote = SheetVote::default();
    for row in 0..grid.end_row() {
        for col in 0..grid.end_col() {
            let Some(text) = grid.get(row, col).text() else { continue };
            vote.add(text);
            let _ = legacy::detect(text);
            let _ = legacy::font_encoding(text);
            for encoding in [Legacy::Tcvn3, Legacy::Vni] {
                let _ = legacy::plausible(text, encoding);
                let _ = legacy::decode(text, encoding, false);
                let _ = legacy::decode(text, encoding, true);
            }
        }
    }
    let _ = vote.winner();
}

/// `from_json_bytes` on the bytes (UTF-8, UTF-16, or refused as another encoding); a draft it
/// accepts goes through the editor (totals, split, diagnostics) and must survive being written
/// (pretty and compact) and read again unchanged, without warnings (the totals written are the
/// ones recomputed).
pub fn json_draft_bytes(data: &[u8]) {
    let _ = is_draft_file("draft.json", data);
    let Ok(loaded) = from_json_bytes(data) else { return };
    let editor = Editor::new(loaded.plan.clone());
    let _ = editor.diagnostics();

    let json = to_json(&loaded.name, &loaded.plan);
    let again = match from_json(&json) {
        Ok(again) => again,
        Err(e) => panic!("a draft written by to_json does not read back: {e:?}\n{json}"),
    };
    assert_eq!(again.plan, loaded.plan, "the plan changed in a round trip");
    assert_eq!(again.name, loaded.name, "the name changed in a round trip");
    assert!(again.warnings.is_empty(), "warnings on re-reading our own output: {:?}", again.warnings);

    let compact = write_json(&loaded.name, editor.plan(), editor.totals(), false);
    match from_json(&compact) {
        Ok(c) => assert_eq!(c.plan, loaded.plan, "the plan changed in a compact round trip"),
        Err(e) => panic!("a compact draft does not read back: {e:?}"),
    }
}

/// The bytes opened as a workbook, every sheet read and understood. Panics inside the readers
/// are caught by `open_workbook` and `Workbook::sheet` (natively) and come back as errors.
pub fn workbook_bytes(data: &[u8]) {
    let Ok(workbook) = open_workbook(data) else { return };
    let names: Vec<String> = workbook.sheets().iter().map(|s| s.name.clone()).collect();
    for name in names {
        if let Ok(grid) = workbook.sheet(&name) {
            let _ = understand(&grid, &ImportOptions::default());
        }
    }
}
