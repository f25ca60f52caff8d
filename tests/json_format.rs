//! The JSON draft format v1: round trip, schema, migration, and refusals with their JSON paths.
#![cfg(not(target_arch = "wasm32"))]

use kehoach::io::json::{from_json, limits, schema, to_json};
use kehoach::locale::Lang;
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
    assert_eq!(loaded.version, 2);
    assert!(loaded.warnings.is_empty());
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["$schema"], "urn:kehoach:draft:v2");
    assert_eq!(value["lines"][0]["amounts"]["2014"], "70.125");
    assert_eq!(value["totals"]["phases"][0], "3080.125");
    assert_eq!(value["sources"][0]["rule"], json!({ "type": "percent", "value": "40" }));
}

#[test]
fn the_committed_schema_is_generated_from_the_types() {
    let generated = schema();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/draft-v3.schema.json");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        committed, generated,
        "docs/draft-v3.schema.json is stale: run UPDATE_SCHEMA=1 cargo test --test json_format"
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
        from_json(&json!({ "$schema": "urn:kehoach:draft:v4", "period": { "first": 2012, "last": 2020 } }).to_string())
            .unwrap_err();
    assert_eq!(err[0].location.to_string(), "$['$schema']");
    assert!(err[0].text.get(Lang::En).contains("newer kehoach"));
    assert!(err[0].text.get(Lang::Vi).contains("mới hơn"));
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
    let places: Vec<String> = loaded.warnings.iter().map(|w| w.location.to_string()).collect();
    assert_eq!(places, vec!["$.totals.grand", "$.totals.years.2014"]);
    assert_eq!(kehoach::engine::Totals::compute(&loaded.plan).grand(), dec!(5400));
}

/// The only error `text` gives: its place, and its English and Vietnamese messages.
fn refusal(text: &str) -> (String, String, String) {
    let errors = from_json(text).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = errors.into_iter().next().unwrap();
    (e.location, e.text.get(Lang::En).to_string(), e.text.get(Lang::Vi).to_string())
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
    // A field the format does not know is not read, however deep (serde_json stops at 128).
    loads(&nested(limits::MAX_DEPTH));
    // In a draft that does not read as one, the depth is what is said first.
    let (at, en, vi) = refusal(&nested(limits::MAX_DEPTH).replace("\"period\"", "\"periods\""));
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
    assert_eq!(en, "Text too long (10,001 characters; at most 10,000).");
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
    assert_eq!(en, "Too many lines (50,001; at most 50,000).");
    assert_eq!(vi, "Quá nhiều dòng (50.001; tối đa 50.000).");
}

#[test]
fn limit_max_phases_sources_targets() {
    let item = |key: &str, i: usize| match key {
        "phases" => json!({ "id": i + 1, "name": "p", "years": { "first": 2012, "last": 2020 } }),
        "sources" => json!({ "id": i + 1, "name": "s" }),
        _ => json!({ "id": i + 1, "name": "t" }),
    };
    for (key, max, en_what) in [
        ("phases", limits::MAX_PHASES, "phases"),
        ("sources", limits::MAX_SOURCES, "funding sources"),
        ("targets", limits::MAX_TARGETS, "targets"),
    ] {
        let items = |n: usize| -> Vec<serde_json::Value> { (0..n).map(|i| item(key, i)).collect() };
        loads(&draft(json!({ key: items(max) })));
        let (at, en, vi) = refusal(&draft(json!({ key: items(max + 1) })));
        assert_eq!(at, format!("$.{key}"));
        let n = |v: usize| kehoach::locale::format_decimal(v.into(), kehoach::locale::Lang::En);
        assert_eq!(en, format!("Too many {en_what} ({}; at most {}).", n(max + 1), n(max)));
        assert!(vi.starts_with("Quá nhiều"), "{vi}");
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

/// Every target value's year and count is bounded, at its JSON path (a milestone year 99999 and a
/// baseline year −2147483648 were accepted).
#[test]
fn limit_target_years_and_counts() {
    let target = |fields: serde_json::Value| {
        let mut t = json!({ "id": 1, "name": "t" });
        for (k, v) in fields.as_object().unwrap() {
            t[k] = v.clone();
        }
        draft(json!({ "targets": [ { "id": 7, "name": "ok" }, t ] }))
    };
    loads(&target(json!({ "milestones": { "1900": "1", "2200": "2" }, "baseline": { "year": 1900, "value": "0" } })));
    let (at, en, vi) = refusal(&target(json!({ "milestones": { "2015": "96", "99999": "98" } })));
    assert_eq!(at, "$.targets[1].milestones.99999");
    assert_eq!(en, "Year 99999 is outside the accepted range (1900–2200).");
    assert_eq!(vi, "Năm 99999 nằm ngoài khoảng cho phép (1900–2200).");
    let (at, en, _) = refusal(&target(json!({ "baseline": { "year": -2147483648i64, "value": "90" } })));
    assert_eq!(at, "$.targets[1].baseline.year");
    assert_eq!(en, "Year -2147483648 is outside the accepted range (1900–2200).");
    let variant = target(json!({ "variants": [ { "name": "v", "milestones": { "1899": "1" } } ] }));
    assert_eq!(refusal(&variant).0, "$.targets[1].variants[0].milestones.1899");

    let years = |n: usize| -> serde_json::Map<String, serde_json::Value> {
        (0..n).map(|k| ((1950 + k).to_string(), json!("1"))).collect()
    };
    loads(&target(json!({ "milestones": years(limits::MAX_MILESTONES) })));
    let (at, en, _) = refusal(&target(json!({ "milestones": years(limits::MAX_MILESTONES + 1) })));
    assert_eq!((at.as_str(), en.as_str()), ("$.targets[1].milestones", "Too many milestones (201; at most 200)."));
    let variants: Vec<_> = (0..=limits::MAX_VARIANTS).map(|i| json!({ "name": format!("v{i}") })).collect();
    assert_eq!(refusal(&target(json!({ "variants": variants }))).0, "$.targets[1].variants");
    let partners: Vec<_> = (0..=limits::MAX_PARTNERS).map(|i| json!(format!("p{i}"))).collect();
    assert_eq!(refusal(&target(json!({ "partners": partners }))).0, "$.targets[1].partners");
}

#[test]
fn limit_phase_rules_and_cells() {
    let rules: serde_json::Map<String, serde_json::Value> =
        (0..=limits::MAX_PHASE_RULES).map(|k| (k.to_string(), json!({ "type": "remainder" }))).collect();
    let (at, en, _) = refusal(&draft(json!({ "sources": [ { "id": 1, "name": "s", "phase_rules": rules } ] })));
    assert_eq!(at, "$.sources[0].phase_rules");
    assert_eq!(en, "Too many phase rules (1,001; at most 1,000).");
    // 10,001 lines over 200 years: one cell too many for the table.
    let lines = |n: usize| -> Vec<serde_json::Value> { (0..n).map(|i| json!({ "id": i + 1, "name": "l" })).collect() };
    let wide = |n: usize| {
        json!({ "$schema": "urn:kehoach:draft:v1", "period": { "first": 2000, "last": 2199 }, "lines": lines(n) })
            .to_string()
    };
    loads(&wide(limits::MAX_CELLS / 200));
    let (at, en, vi) = refusal(&wide(limits::MAX_CELLS / 200 + 1));
    assert_eq!(at, "$.lines");
    assert_eq!(en, "The table is too large: 10,001 lines × 200 years make 2,000,200 cells (at most 2,000,000).");
    assert_eq!(vi, "Bảng quá lớn: 10.001 dòng × 200 năm là 2.000.200 ô (tối đa 2.000.000).");
}

/// A key written twice in one object was silently the last one; now it is refused where it is.
#[test]
fn a_key_written_twice_is_refused_at_its_path() {
    let text = r#"{"$schema": "urn:kehoach:draft:v1", "period": {"first": 2012, "last": 2020},
        "lines": [{"id": 1, "name": "a", "amounts": {"2013": "70", "2014": "80", "2013": "7"}}]}"#;
    let (at, en, vi) = refusal(text);
    assert_eq!(at, "$.lines[0].amounts.2013");
    assert_eq!(en, "The key '2013' is written twice in the same object; it may appear only once. Remove one of them.");
    assert_eq!(
        vi,
        "Khoá «2013» được viết hai lần trong cùng một đối tượng; chỉ được viết một lần. Hãy xoá một trong hai."
    );
    // A field of the draft, of an item, inside a field nobody reads, in a version 0 draft.
    for (text, place) in [
        (
            r#"{"$schema": "urn:kehoach:draft:v1", "title": "a", "period": {"first": 2012, "last": 2020}, "title": "b"}"#,
            "$.title",
        ),
        (
            r#"{"$schema": "urn:kehoach:draft:v1", "period": {"first": 2012, "last": 2020, "first": 2013}}"#,
            "$.period.first",
        ),
        (r#"{"period": {"first": 2012, "last": 2020}, "lines": [{"name": "a", "name": "b"}]}"#, "$.lines[0].name"),
        (
            r#"{"$schema": "urn:kehoach:draft:v1", "period": {"first": 2012, "last": 2020}, "t\u0069tle": "a", "title": "b"}"#,
            "$.title",
        ),
        // In a draft that does not read for another reason too, inside a field nobody reads.
        (r#"{"$schema": "urn:kehoach:draft:v1", "x": [{"a": 1, "a": 2}]}"#, "$.x[0].a"),
    ] {
        assert_eq!(refusal(text).0, place, "{text}");
    }
    // A field the format does not know is ignored whatever it holds (nothing in it is read).
    loads(r#"{"$schema": "urn:kehoach:draft:v1", "period": {"first": 2012, "last": 2020}, "x": [{"a": 1, "a": 2}]}"#);
    // Equal text in different objects, or a broken file, is not a repeated key.
    loads(&draft(json!({ "lines": [ { "id": 1, "name": "a" }, { "id": 2, "name": "a" } ] })));
    assert!(refusal(r#"{"a": 1, "a": 2"#).1.starts_with("The JSON ends too early (line 1, column 15)"));
    assert!(refusal(r#"{"a": 1, "a": 2,}"#).1.starts_with("JSON syntax error at line 1, column 17"));
}

/// Messages of wrong values are wholly in one language, say what to write, and name the place.
#[test]
fn value_errors_are_wholly_in_one_language() {
    let cases = [
        (json!({ "lines": [ { "id": 1, "name": "a", "amounts": { "2014": "abc" } } ] }), "$.lines[0].amounts.2014"),
        (json!({ "lines": [ { "id": 1, "name": "a", "amounts": { "2014": true } } ] }), "$.lines[0].amounts.2014"),
        (json!({ "lines": [ { "id": 1, "name": "a", "amounts": { "20x4": "1" } } ] }), "$.lines[0].amounts.20x4"),
        (json!({ "lines": [ { "id": -1, "name": "a" } ] }), "$.lines[0].id"),
        (json!({ "lines": [ { "id": 1 } ] }), "$.lines[0].name"),
        (json!({ "lines": [ 1 ] }), "$.lines[0]"),
        (json!({ "unit": "ty" }), "$.unit"),
        (
            json!({ "sources": [ { "id": 4, "name": "x", "rule": { "type": "share", "value": "40" } } ] }),
            "$.sources[0].rule.type",
        ),
        (json!({ "sources": [ { "id": 4, "name": "x", "rule": "percent" } ] }), "$.sources[0].rule"),
        (
            json!({ "sources": [ { "id": 4, "name": "x", "phase_rules": { "a": { "type": "remainder" } } } ] }),
            "$.sources[0].phase_rules.a",
        ),
        (json!({ "targets": [ { "id": 4, "name": "x", "comparison": "above" } ] }), "$.targets[0].comparison"),
        (
            json!({ "targets": [ { "id": 4, "name": "x", "baseline": { "year": 2010 } } ] }),
            "$.targets[0].baseline.value",
        ),
        (json!({ "totals": { "grand": "1,5" } }), "$.totals.grand"),
        (json!({ "precision": -1 }), "$.precision"),
    ];
    let english = [
        "invalid type",
        "invalid value",
        ", expected",
        "Decimal",
        "missing field",
        "unknown variant",
        "`",
        "u32",
        "struct ",
    ];
    for (fields, place) in cases {
        let (at, en, vi) = refusal(&draft(fields.clone()));
        assert_eq!(at, place, "{fields}");
        for fragment in english {
            assert!(!vi.contains(fragment), "{fragment:?} in {vi}");
            assert!(!en.contains(fragment), "{fragment:?} in {en}");
        }
    }
    let (_, en, vi) = refusal(&draft(json!({ "lines": [ { "id": 1, "name": "a", "amounts": { "2014": true } } ] })));
    assert_eq!(en, "Wrong type: a number in double quotes, such as \"1095.5\" is expected here, not the value true.");
    assert_eq!(
        vi,
        "Sai kiểu dữ liệu: ở đây cần một số viết trong dấu ngoặc kép, như \"1095.5\", không phải giá trị true."
    );
    let (_, en, _) = refusal(&draft(json!({ "unit": "ty" })));
    assert_eq!(en, "'ty' is not an accepted value here; use one of: dong, thousand, million, billion.");
    // Syntax: the line and column, and the likely cause.
    let (at, en, vi) = refusal("{\"$schema\": \"urn:kehoach:draft:v1\",\n \"title\": \"a\",}");
    assert_eq!(at, "$");
    assert_eq!(
        en,
        "JSON syntax error at line 2, column 15: there is a comma too many before } or ]. The file is damaged or was edited by hand."
    );
    assert_eq!(
        vi,
        "Lỗi cú pháp JSON ở dòng 2, cột 15: có một dấu phẩy thừa trước } hoặc ]. Tệp bị hỏng hoặc đã bị sửa tay."
    );
    let (_, en, _) = refusal("{\"$schema\": \"urn:kehoach:draft:v1\", \"lines\": [");
    assert!(en.starts_with("The JSON ends too early (line 1, column 46)"), "{en}");
}

/// An empty file is an empty draft; UTF-16 (Notepad's "Unicode") and a UTF-8 byte order mark
/// are read; another encoding is said to be one. None is sent to the spreadsheet import.
#[test]
fn empty_files_and_text_encodings() {
    use kehoach::io::json::{from_json_bytes, is_draft_file};
    for empty in ["", "  \n\t", "\u{feff}"] {
        let (at, en, vi) = refusal(empty);
        assert_eq!(at, "$");
        assert_eq!(en, "The draft file is empty: it holds no JSON. Choose the .json file exported from kehoach again.");
        assert_eq!(vi, "Tệp bản nháp trống: không có nội dung JSON nào. Hãy chọn lại tệp .json đã xuất từ kehoach.");
        assert!(is_draft_file("empty.json", empty.as_bytes()));
    }
    let text = to_json("Bắc Kạn", &reference::plan_with_sources());
    let expected = from_json(&text).unwrap().plan;
    let utf16 = |le: bool, bom: bool| -> Vec<u8> {
        let mut out: Vec<u8> = if !bom {
            vec![]
        } else if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in text.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    };
    for (le, bom) in [(true, true), (false, true), (true, false), (false, false)] {
        let bytes = utf16(le, bom);
        assert!(is_draft_file("bản nháp.json", &bytes) && is_draft_file("draft.txt", &bytes));
        assert_eq!(from_json_bytes(&bytes).unwrap().plan, expected, "le {le}, bom {bom}");
    }
    let bom8 = [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat();
    assert_eq!(from_json_bytes(&bom8).unwrap().plan, expected);
    let latin = text.replace("Bắc Kạn", "B\u{e0}c").replace('\u{e0}', "\u{0}");
    let mut bytes = latin.into_bytes();
    let nul = bytes.iter().position(|&b| b == 0).unwrap();
    bytes[nul] = 0xE0; // a lone Windows-1258 byte
    let e = from_json_bytes(&bytes).unwrap_err();
    assert!(e[0].text.get(Lang::En).starts_with("The file is not UTF-8 text"), "{e:?}");
    assert!(!e[0].text.get(Lang::En).contains("xlsx") && !e[0].text.get(Lang::Vi).contains("xlsx"));
}

/// Stated totals that disagree are listed up to the cap of a kind, then summed up.
#[test]
fn many_stated_totals_that_disagree_are_summed_up() {
    let lines: Vec<_> = (0..120).map(|i| json!({ "id": i + 1, "name": "l", "amounts": { "2013": "1" } })).collect();
    let stated: Vec<_> = (0..120).map(|_| json!("2")).collect();
    let text =
        draft(json!({ "lines": lines, "totals": { "grand": "120", "phases": [], "years": {}, "lines": stated } }));
    let warnings = from_json(&text).unwrap().warnings;
    assert_eq!(warnings.len(), kehoach::engine::MAX_PER_KIND + 1);
    let last = warnings.last().unwrap();
    assert_eq!(
        (last.location.to_string().as_str(), last.text.get(Lang::En)),
        ("$.totals", "… and 70 more warnings of the same kind.")
    );
}
