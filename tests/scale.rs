//! Drafts that froze or exhausted the page (issue 14): 1,000 overlapping phases, 5,000 targets,
//! 5,000 sources, and a plan at every limit at once. Each must load, recompute and validate
//! quickly, with a bounded number of diagnostics and bounded memory.
//!
//! Memory is measured by a counting allocator, per thread (the tests of this binary run in
//! parallel): the peak of the bytes allocated while the draft is opened.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use kehoach::diagnostic::Diagnostic;
use kehoach::engine::{Editor, MAX_PER_KIND};
use kehoach::io::json::from_json;
use kehoach::locale::Lang;
use serde_json::{Value, json};

struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn track(delta: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        track(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        track(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        track(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What opening a draft cost: time, the peak of memory above what was allocated before, and
/// the diagnostics of the opened plan (or the refusal's).
struct Opened {
    elapsed: Duration,
    peak_bytes: isize,
    diagnostics: Vec<Diagnostic>,
    loaded: bool,
}

fn open(text: &str) -> Opened {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let started = Instant::now();
    let (diagnostics, loaded) = match from_json(text) {
        Ok(draft) => {
            let editor = Editor::new(draft.plan);
            let mut d = draft.warnings;
            d.extend(editor.diagnostics());
            (d, true)
        }
        Err(errors) => (errors.iter().map(|e| e.to_diagnostic()).collect(), false),
    };
    let elapsed = started.elapsed();
    let peak_bytes = PEAK.with(Cell::get) - base;
    Opened { elapsed, peak_bytes, diagnostics, loaded }
}

/// Diagnostics by code.
fn kinds(diagnostics: &[Diagnostic]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for d in diagnostics {
        *out.entry(d.code.to_string()).or_insert(0) += 1;
    }
    out
}

/// No kind is listed more than the cap and its summary.
fn assert_bounded(diagnostics: &[Diagnostic]) {
    for (code, n) in kinds(diagnostics) {
        assert!(n <= MAX_PER_KIND + 1, "{n} diagnostics of kind {code}");
    }
}

fn base() -> Value {
    json!({ "$schema": "urn:kehoach:draft:v1", "name": "x", "period": { "first": 2021, "last": 2030 },
        "unit": "million",
        "lines": [ { "id": 900001, "name": "a", "amounts": { "2021": "10", "2025": "20" } },
                   { "id": 900002, "name": "b", "amounts": { "2022": "5" } } ],
        "sources": [ { "id": 900010, "name": "TW", "rule": { "type": "percent", "value": "40" } },
                     { "id": 900011, "name": "DP", "rule": { "type": "remainder" } } ] })
}

/// `n` phases, each over the whole period: the draft of 60 KB that took 4.6 GB at 1,000.
fn overlapping_phases(n: usize) -> String {
    let mut v = base();
    v["phases"] = (0..n)
        .map(|i| json!({ "id": i + 1, "name": format!("GĐ {i}"), "years": { "first": 2021, "last": 2030 } }))
        .collect();
    v.to_string()
}

/// `n` unnamed percent targets whose milestones fall, leave 0–100 and the period, with a
/// variant above them: about 27 diagnostics each before they were capped.
fn many_targets(n: usize) -> String {
    let mut v = base();
    let milestones: serde_json::Map<String, Value> =
        (2015..2036).map(|y| (y.to_string(), json!(format!("{}", 200 - (y - 2015) * 7)))).collect();
    v["targets"] = (0..n)
        .map(|i| {
            json!({ "id": i + 1, "name": "", "unit": { "type": "percent" }, "comparison": "more_than",
                "milestones": milestones, "baseline": { "year": 2010, "value": "150" },
                "variants": [ { "name": "v", "milestones": milestones } ] })
        })
        .collect();
    v.to_string()
}

/// `n` unnamed sources of every rule, each with a negative share for the first phase.
fn many_sources(n: usize) -> String {
    let mut v = base();
    v["phases"] = json!([ { "id": 1, "name": "GĐ 1", "years": { "first": 2021, "last": 2025 } },
                          { "id": 2, "name": "GĐ 2", "years": { "first": 2026, "last": 2030 } } ]);
    v["sources"] = (0..n)
        .map(|i| {
            let rule = match i % 3 {
                0 => json!({ "type": "amount", "value": "1" }),
                1 => json!({ "type": "percent", "value": "0.03" }),
                _ => json!({ "type": "remainder" }),
            };
            json!({ "id": 1000 + i, "name": "", "rule": rule,
                "phase_rules": { "1": { "type": "percent", "value": "-1" } } })
        })
        .collect();
    v.to_string()
}

const MB: isize = 1 << 20;

#[test]
fn a_thousand_overlapping_phases_open_quickly_with_one_summary() {
    let text = overlapping_phases(1000);
    assert!(text.len() < 64 * 1024, "{} bytes", text.len());
    let opened = open(&text);
    assert!(opened.loaded, "{:?}", opened.diagnostics.first());
    assert!(opened.elapsed < Duration::from_secs(5), "{:?}", opened.elapsed);
    assert!(opened.peak_bytes < 16 * MB, "peak {} MB", opened.peak_bytes / MB);
    assert_bounded(&opened.diagnostics);
    let overlaps: Vec<&Diagnostic> = opened.diagnostics.iter().filter(|d| d.code == "phases_overlap").collect();
    assert_eq!(overlaps.len(), MAX_PER_KIND + 1);
    assert_eq!(overlaps[0].location.to_string(), "$.phases[1].years");
    let summary = overlaps.last().unwrap();
    assert_eq!(summary.location.to_string(), "$.phases");
    assert_eq!(summary.text.get(Lang::Vi), "… và 949 lỗi khác cùng loại.");
    assert_eq!(summary.text.get(Lang::En), "… and 949 more errors of the same kind.");
}

#[test]
fn five_hundred_overlapping_phases_open_quickly() {
    let opened = open(&overlapping_phases(500));
    assert!(opened.loaded);
    assert!(opened.elapsed < Duration::from_secs(5), "{:?}", opened.elapsed);
    assert!(opened.peak_bytes < 16 * MB, "peak {} MB", opened.peak_bytes / MB);
    assert_bounded(&opened.diagnostics);
}

#[test]
fn five_thousand_targets_open_quickly_with_summaries() {
    let text = many_targets(5000);
    let opened = open(&text);
    assert!(opened.loaded, "{:?}", opened.diagnostics.first());
    assert!(opened.elapsed < Duration::from_secs(5), "{:?}", opened.elapsed);
    assert!(opened.peak_bytes < 24 * text.len() as isize, "peak {} MB", opened.peak_bytes / MB);
    assert_bounded(&opened.diagnostics);
    let k = kinds(&opened.diagnostics);
    for code in ["target_without_name", "milestone_regresses", "percent_out_of_range", "milestone_outside_period"] {
        assert_eq!(k.get(code), Some(&(MAX_PER_KIND + 1)), "{code}: {k:?}");
    }
    // 5,000 unnamed targets: 50 listed, 4,950 summed up, the number written the reader's way.
    let unnamed = opened.diagnostics.iter().rfind(|d| d.code == "target_without_name").unwrap();
    assert_eq!(unnamed.location.to_string(), "$.targets");
    assert_eq!(unnamed.text.get(Lang::Vi), "… và 4.950 cảnh báo khác cùng loại.");
    assert_eq!(unnamed.text.get(Lang::En), "… and 4,950 more warnings of the same kind.");
}

#[test]
fn five_thousand_sources_open_quickly_with_summaries() {
    let text = many_sources(5000);
    let opened = open(&text);
    assert!(opened.loaded, "{:?}", opened.diagnostics.first());
    assert!(opened.elapsed < Duration::from_secs(5), "{:?}", opened.elapsed);
    assert!(opened.peak_bytes < 24 * text.len() as isize, "peak {} MB", opened.peak_bytes / MB);
    assert_bounded(&opened.diagnostics);
    let k = kinds(&opened.diagnostics);
    assert_eq!(k.get("source_without_name"), Some(&(MAX_PER_KIND + 1)), "{k:?}");
}

/// Many lines without a name, empty, or with negative amounts: each kind is capped.
#[test]
fn every_kind_of_line_diagnostic_is_capped() {
    let mut v = base();
    v["lines"] = (0..3000)
        .map(|i| {
            if i % 2 == 0 {
                json!({ "id": i + 1, "name": " " })
            } else {
                json!({ "id": i + 1, "name": "", "amounts": { "2021": "-1", "2040": "1" } })
            }
        })
        .collect();
    let opened = open(&v.to_string());
    assert!(opened.loaded, "{:?}", opened.diagnostics.first());
    assert_bounded(&opened.diagnostics);
    let k = kinds(&opened.diagnostics);
    for code in ["line_without_name", "empty_line", "negative_amount"] {
        assert_eq!(k.get(code), Some(&(MAX_PER_KIND + 1)), "{code}: {k:?}");
    }
}

/// A plan at every limit at once: the table at its most cells (10,000 lines × 200 years), 1,000
/// phases (960 overlapping), 5,000 sources (one with a rule for every phase), 5,000 targets with
/// milestones and variants, an outline 16 levels deep. Filled lightly here, so that the test
/// stays quick in a debug build; `cargo bench --bench engine` opens it filled to the file's size
/// limit.
#[test]
fn a_plan_at_every_limit_opens_quickly() {
    use kehoach::model::limits;
    let plan = kehoach::reference::plan_at_limits(limits::MAX_CELLS / limits::MAX_YEARS, 100_000, 20);
    let text = kehoach::io::json::write_json("at limits", &plan, &kehoach::engine::Totals::compute(&plan), false);
    let opened = open(&text);
    assert!(opened.loaded, "{:?}", &opened.diagnostics[..opened.diagnostics.len().min(3)]);
    eprintln!(
        "at limits: {} MB of JSON opened in {:?}, peak {} MB, {} diagnostics",
        text.len() / MB as usize,
        opened.elapsed,
        opened.peak_bytes / MB,
        opened.diagnostics.len()
    );
    assert!(opened.elapsed < Duration::from_secs(5), "{:?}", opened.elapsed);
    assert!(opened.peak_bytes < 20 * text.len() as isize, "peak {} MB", opened.peak_bytes / MB);
    assert_bounded(&opened.diagnostics);
    let loaded = from_json(&text).unwrap().plan;
    assert_eq!(loaded.phases.len(), limits::MAX_PHASES);
    assert_eq!(loaded.sources.len(), limits::MAX_SOURCES);
    assert_eq!(loaded.targets.len(), limits::MAX_TARGETS);
    assert_eq!(loaded.lines.len() * loaded.columns().len(), limits::MAX_CELLS);
    assert_eq!(loaded.sources.last().unwrap().phase_rules.len(), limits::MAX_PHASE_RULES);
    assert_eq!(loaded.lines.iter().map(|l| l.depth).max(), Some(limits::MAX_OUTLINE_DEPTH));
}

/// Comparing two drafts matched every line of one against every line of the other, folding
/// both names each time when the ids differ (a draft imported again): quadratic.
#[test]
fn comparing_large_drafts_is_quick() {
    let a = kehoach::reference::large_plan(5000, 10);
    let mut b = a.clone();
    b.lines.reverse();
    for line in &mut b.lines {
        line.id.0 += 100_000;
    }
    b.lines[7].name = "Đổi tên".into();
    let started = Instant::now();
    let differences = kehoach::engine::compare::compare(&a, &b);
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    // The renamed line shows as removed and added; nothing else differs but the outline's sums.
    assert!(
        differences
            .iter()
            .any(|d| matches!(&d.subject, kehoach::engine::compare::Subject::LineTotal(n) if n == "Đổi tên"))
    );
}
