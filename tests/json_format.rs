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

/// The only error `text` gives: its place, and its English and Vietnamese messages.
fn refusal(text: &str) -> (String, String, String) {
    let errors = from_json(text).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = errors.into_iter().next().unwrap();
    (e.location, e.message_en, e.message_vi)
}

/// A v1 draft over 2012–2020 with these top-level fields added.
fn draft(fields: serde_json::Value) -> String {
    let mut d = json!({ "$schema": "urn:kehoach:draft:v1", "period": { "first": 2012, "last": 2020 } });
    for (key, value) in fields.as_object().unwrap() {
        d[key] = value.clone();
    }
    d.to_string()
}

/// Asserts `text` loads.
fn loads(text: &str) {
    if let Err(errors) = from_json(text) {
        panic!("refused: {errors:?}");
    }
}

#[test]
fn limit_max_bytes() {
    let (at, en, vi) = refusal(&" ".repeat(limits::MAX_BYTES + 1));
    assert_eq!(at, "$");
    assert_eq!(en, "The file is too large (32 MB); the limit is 32 MB.");
    assert!(vi.starts_with("Tệp quá lớn"), "{vi}");
}

#[test]
fn limit_max_depth() {
    // The draft object is level 1; `x` adds `n` levels of arrays.
    let nested =
        |n: usize| draft(json!({ "x": 0 })).replace("\"x\":0", &format!("\"x\":{}{}", "[".repeat(n), "]".repeat(n)));
    loads(&nested(limits::MAX_DEPTH - 1));
    let (at, en, vi) = refusal(&nested(limits::MAX_DEPTH));
    assert_eq!(at, "$");
    assert_eq!(en, "The file nests deeper than 32 levels; this is not a kehoach draft.");
    assert!(vi.contains("lồng nhau quá sâu"), "{vi}");
    // Brackets inside strings are not nesting.
    loads(&draft(json!({ "title": "[".repeat(limits::MAX_DEPTH * 2) })));
    // A bare deep array is refused for its depth, not for its shape.
    let deep = format!("{}{}", "[".repeat(limits::MAX_DEPTH + 5), "]".repeat(limits::MAX_DEPTH + 5));
    assert!(refusal(&deep).1.contains("nests deeper"));
}

#[test]
fn limit_max_text() {
    // Characters, not bytes: 10,000 "ờ" are 30,000 bytes.
    loads(&draft(json!({ "title": "ờ".repeat(limits::MAX_TEXT) })));
    let (at, en, vi) = refusal(&draft(json!({ "title": "x".repeat(limits::MAX_TEXT + 1) })));
    assert_eq!(at, "$.title");
    assert_eq!(en, "Text too long (10001 characters; at most 10000).");
    assert!(vi.starts_with("Chuỗi quá dài"), "{vi}");
    let line = draft(json!({ "lines": [ { "id": 1, "name": "ờ".repeat(limits::MAX_TEXT + 1) } ] }));
    assert_eq!(refusal(&line).0, "$.lines[0].name");
}

#[test]
fn limit_max_lines() {
    let lines = |n: usize| -> Vec<serde_json::Value> { (0..n).map(|i| json!({ "id": i + 1, "name": "l" })).collect() };
    loads(&draft(json!({ "lines": lines(limits::MAX_LINES) })));
    let (at, en, vi) = refusal(&draft(json!({ "lines": lines(limits::MAX_LINES + 1) })));
    assert_eq!(at, "$.lines");
    assert_eq!(en, "Too many items (50001; at most 50000).");
    assert!(vi.starts_with("Quá nhiều mục"), "{vi}");
}

#[test]
fn limit_max_items() {
    let item = |key: &str, i: usize| match key {
        "phases" => json!({ "id": i + 1, "name": "p", "years": { "first": 2012, "last": 2020 } }),
        "sources" => json!({ "id": i + 1, "name": "s" }),
        _ => json!({ "id": i + 1, "name": "t" }),
    };
    for key in ["phases", "sources", "targets"] {
        let items = |n: usize| -> Vec<serde_json::Value> { (0..n).map(|i| item(key, i)).collect() };
        loads(&draft(json!({ key: items(limits::MAX_ITEMS) })));
        let (at, en, vi) = refusal(&draft(json!({ key: items(limits::MAX_ITEMS + 1) })));
        assert_eq!(at, format!("$.{key}"));
        assert_eq!(en, "Too many items (5001; at most 5000).");
        assert!(vi.starts_with("Quá nhiều mục"), "{vi}");
    }
}

#[test]
fn limit_years() {
    let period = |first: i32, last: i32| {
        json!({ "$schema": "urn:kehoach:draft:v1", "period": { "first": first, "last": last } }).to_string()
    };
    loads(&period(1900, 1900));
    loads(&period(2200, 2200));
    for (first, last) in [(1899, 1899), (2201, 2201), (2012, 99999)] {
        let (at, en, vi) = refusal(&period(first, last));
        assert_eq!(at, "$.period");
        assert_eq!(en, format!("Years {first}–{last} are outside the accepted range (1900–2200)."));
        assert!(vi.contains("nằm ngoài khoảng cho phép (1900–2200)"), "{vi}");
    }
    let phase = draft(json!({ "phases": [ { "id": 1, "name": "p", "years": { "first": 2012, "last": 2201 } } ] }));
    assert_eq!(refusal(&phase).0, "$.phases[0].years");
    let amount = json!({ "$schema": "urn:kehoach:draft:v1", "period": { "first": 1900, "last": 1905 },
        "lines": [ { "id": 1, "name": "a", "amounts": { "1899": "1" } } ] });
    let (at, en, _) = refusal(&amount.to_string());
    assert_eq!(at, "$.lines[0].amounts.1899");
    assert_eq!(en, "Year 1899 is outside the accepted range.");
}

#[test]
fn limit_max_years() {
    let period = |first: i32, last: i32| {
        json!({ "$schema": "urn:kehoach:draft:v1", "period": { "first": first, "last": last } }).to_string()
    };
    loads(&period(2000, 2199));
    let (at, en, vi) = refusal(&period(2000, 2200));
    assert_eq!(at, "$.period");
    assert_eq!(en, "The year range is too long (201 years; at most 200).");
    assert!(vi.starts_with("Khoảng năm quá dài"), "{vi}");
    assert_eq!(refusal(&period(1900, 2200)).0, "$.period");
    let phase = draft(json!({ "phases": [ { "id": 1, "name": "p", "years": { "first": 1990, "last": 2190 } } ] }));
    assert_eq!(refusal(&phase).0, "$.phases[0].years");
    // Amounts outside the period: the span of period and amounts is bounded too.
    let far = draft(json!({ "lines": [ { "id": 1, "name": "a", "amounts": { "1901": "1", "2199": "1" } } ] }));
    let (at, en, _) = refusal(&far);
    assert_eq!(at, "$.lines");
    assert_eq!(en, "The amounts span 299 years (at most 200).");
    let span = |amounts: serde_json::Value| {
        json!({ "$schema": "urn:kehoach:draft:v1", "period": { "first": 2001, "last": 2010 },
            "lines": [ { "id": 1, "name": "a", "amounts": amounts } ] })
        .to_string()
    };
    loads(&span(json!({ "2200": "1" })));
    assert_eq!(refusal(&span(json!({ "2000": "1", "2200": "1" }))).1, "The amounts span 201 years (at most 200).");
}

#[test]
fn limit_max_amount_dong_digits() {
    let below = "999999999999999999999"; // 10^21 − 1 đồng
    let limit = "1000000000000000000000"; // 10^21 đồng
    let line = |unit: &str, amount: &str| {
        draft(json!({ "unit": unit, "lines": [ { "id": 1, "name": "a", "amounts": { "2013": amount } } ] }))
    };
    loads(&line("dong", below));
    let (at, en, vi) = refusal(&line("dong", limit));
    assert_eq!(at, "$.lines[0].amounts.2013");
    assert!(en.contains("is too large: every amount must stay below 10^21 đồng"), "{en}");
    assert!(vi.contains("phải nhỏ hơn 10^21 đồng"), "{vi}");
    assert_eq!(refusal(&line("dong", &format!("-{limit}"))).0, "$.lines[0].amounts.2013");
    // In tỷ đồng (10^9): 10^12 tỷ is the limit.
    loads(&line("billion", "999999999999.999"));
    assert_eq!(refusal(&line("billion", "1000000000000")).0, "$.lines[0].amounts.2013");
    // Fixed funding amounts, plan-wide and per phase.
    let fixed = |rule: serde_json::Value, phase_rule: serde_json::Value| {
        draft(json!({ "unit": "dong",
            "phases": [ { "id": 1, "name": "p", "years": { "first": 2012, "last": 2020 } } ],
            "sources": [ { "id": 2, "name": "s", "rule": rule, "phase_rules": { "1": phase_rule } } ] }))
    };
    let amount = |v: &str| json!({ "type": "amount", "value": v });
    loads(&fixed(amount(below), amount(below)));
    assert_eq!(refusal(&fixed(amount(limit), amount(below))).0, "$.sources[0].rule.value");
    assert_eq!(refusal(&fixed(amount(below), amount(limit))).0, "$.sources[0].phase_rules.1.value");
}
