//! The JSON draft format v1: round trip, schema, migration, and refusals with their JSON paths.
#![cfg(not(target_arch = "wasm32"))]

use kehoach::io::json::{from_json, limits, schema_v1, to_json};
use kehoach::reference;
use rust_decimal_macros::dec;
use serde_json::json;

#[test]
fn round_trip_keeps_the_plan_exactly() {
    let mut plan = reference::plan_with_sources();
    plan.lines[0].amounts.insert(2014, dec!(70.125));
    plan.notes = "Ghi chú <b>không phải HTML</b>".into();
    let text = to_json("Bắc Kạn", &plan);
    let loaded = from_json(&text).unwrap();
    assert_eq!(loaded.plan, plan);
    assert_eq!(loaded.name, "Bắc Kạn");
    assert_eq!(loaded.version, 1);
    assert!(loaded.warnings.is_empty());
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["$schema"], "urn:kehoach:draft:v1");
    assert_eq!(value["lines"][0]["amounts"]["2014"], "70.125");
    assert_eq!(value["totals"]["phases"][0], "3080.125");
    assert_eq!(value["sources"][0]["rule"], json!({ "type": "percent", "value": "40" }));
}

#[test]
fn the_committed_schema_is_generated_from_the_types() {
    let generated = schema_v1();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/draft-v1.schema.json");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        committed, generated,
        "docs/draft-v1.schema.json is stale: run UPDATE_SCHEMA=1 cargo test --test json_format"
    );
    assert!(generated.contains("\"$schema\""));
    assert!(generated.contains("DecimalString"));
}

fn error_at(text: &str) -> Vec<String> {
    from_json(text).unwrap_err().into_iter().map(|e| e.location).collect()
}

#[test]
fn bad_values_are_reported_by_json_path() {
    let text = json!({
        "$schema": "urn:kehoach:draft:v1",
        "period": { "first": 2012, "last": 2020 },
        "lines": [
            { "id": 1, "name": "a", "amounts": { "2013": "70" } },
            { "id": 2, "name": "b", "amounts": { "2014": "abc" } },
            { "id": 3, "name": "c", "amounts": { "2015": true } }
        ],
        "sources": [ { "id": 4, "name": "x", "rule": { "type": "share", "value": "40" } } ]
    })
    .to_string();
    let locations = error_at(&text);
    assert!(locations.contains(&"$.lines[1].amounts.2014".to_string()), "{locations:?}");
    assert!(locations.contains(&"$.lines[2].amounts.2015".to_string()), "{locations:?}");
    assert!(locations.iter().any(|l| l.starts_with("$.sources[0].rule")), "{locations:?}");
}

#[test]
fn structure_errors_name_their_place() {
    assert_eq!(error_at("{\"$schema\": \"urn:kehoach:draft:v1\", \"lines\": ["), vec!["$"]);
    assert_eq!(error_at("[1, 2]"), vec!["$"]);
    assert_eq!(error_at(&json!({ "$schema": "urn:kehoach:draft:v1" }).to_string()), vec!["$.period"]);
    assert_eq!(
        error_at(
            &json!({ "$schema": "urn:kehoach:draft:v1", "period": { "first": 2012, "last": 2020 }, "lines": {} })
                .to_string()
        ),
        vec!["$.lines"]
    );
    assert_eq!(error_at(&json!({ "$schema": 3 }).to_string()), vec!["$['$schema']"]);
    assert_eq!(error_at(&json!({ "$schema": "https://example.org/other" }).to_string()), vec!["$['$schema']"]);
    let dup = json!({ "$schema": "urn:kehoach:draft:v1", "period": { "first": 2012, "last": 2020 },
        "lines": [ { "id": 1, "name": "a" }, { "id": 1, "name": "b" } ] });
    assert_eq!(error_at(&dup.to_string()), vec!["$.lines[1].id"]);
}

#[test]
fn a_newer_version_is_refused_clearly() {
    let err =
        from_json(&json!({ "$schema": "urn:kehoach:draft:v2", "period": { "first": 2012, "last": 2020 } }).to_string())
            .unwrap_err();
    assert_eq!(err[0].location, "$['$schema']");
    assert!(err[0].message_en.contains("newer kehoach"));
    assert!(err[0].message_vi.contains("mới hơn"));
}

#[test]
fn version_0_migrates() {
    // A hand-written plan: no $schema, no ids, numbers as JSON numbers.
    let text = json!({
        "title": "Tự viết", "period": { "first": 2013, "last": 2015 },
        "phases": [ { "name": "GĐ 1", "years": { "first": 2013, "last": 2015 } } ],
        "lines": [ { "name": "Tuyên truyền", "amounts": { "2013": 70, "2014": "70", "2015": 60.5 } } ]
    })
    .to_string();
    let loaded = from_json(&text).unwrap();
    assert_eq!(loaded.version, 0);
    let plan = loaded.plan;
    assert_eq!(plan.lines[0].amounts[&2015], dec!(60.5));
    assert_ne!(plan.lines[0].id, plan.phases[0].id);
    assert_eq!(kehoach::engine::Totals::compute(&plan).grand(), dec!(200.5));
}

#[test]
fn stated_totals_that_disagree_are_warnings() {
    let mut value: serde_json::Value = serde_json::from_str(&to_json("x", &reference::plan())).unwrap();
    value["totals"]["grand"] = json!("5401");
    value["totals"]["years"]["2014"] = json!("1000");
    let loaded = from_json(&value.to_string()).unwrap();
    let places: Vec<&str> = loaded.warnings.iter().map(|w| w.location.as_str()).collect();
    assert_eq!(places, vec!["$.totals.grand", "$.totals.years.2014"]);
    assert_eq!(kehoach::engine::Totals::compute(&loaded.plan).grand(), dec!(5400));
}

#[test]
fn limits_are_enforced() {
    // Nesting.
    let deep = format!("{}{}", "[".repeat(limits::MAX_DEPTH + 5), "]".repeat(limits::MAX_DEPTH + 5));
    assert_eq!(error_at(&deep), vec!["$"]);
    // Size.
    let huge = " ".repeat(limits::MAX_BYTES + 1);
    assert!(from_json(&huge).unwrap_err()[0].message_en.contains("too large"));
    // A very long text.
    let long = json!({ "$schema": "urn:kehoach:draft:v1", "period": { "first": 2012, "last": 2020 },
        "title": "x".repeat(limits::MAX_TEXT + 1) });
    assert_eq!(error_at(&long.to_string()), vec!["$.title"]);
    // Too many lines.
    let lines: Vec<serde_json::Value> =
        (0..limits::MAX_LINES + 1).map(|i| json!({ "id": i + 1, "name": "l" })).collect();
    let many = json!({ "$schema": "urn:kehoach:draft:v1", "period": { "first": 2012, "last": 2020 }, "lines": lines });
    assert_eq!(error_at(&many.to_string()), vec!["$.lines"]);
    // Absurd years and spans.
    let years = json!({ "$schema": "urn:kehoach:draft:v1", "period": { "first": 2012, "last": 99999 } });
    assert_eq!(error_at(&years.to_string()), vec!["$.period"]);
    let span = json!({ "$schema": "urn:kehoach:draft:v1", "period": { "first": 1900, "last": 2200 } });
    assert_eq!(error_at(&span.to_string()), vec!["$.period"]);
    let far = json!({ "$schema": "urn:kehoach:draft:v1", "period": { "first": 2012, "last": 2020 },
        "lines": [ { "id": 1, "name": "a", "amounts": { "1901": "1", "2199": "1" } } ] });
    assert_eq!(error_at(&far.to_string()), vec!["$.lines"]);
}
