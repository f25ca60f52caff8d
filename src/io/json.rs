//! The JSON draft format, version 1: how drafts are shared between planners and kept in storage.
//!
//! A draft file is one JSON object:
//!
//! ```json
//! { "$schema": "urn:kehoach:draft:v1", "name": "…", "title": "…", "issuer": "…",
//!   "period": { "first": 2012, "last": 2020 }, "unit": "million", "precision": 6,
//!   "phases": [ { "id": 1, "name": "Giai đoạn 1", "years": { "first": 2012, "last": 2015 } } ],
//!   "lines": [ { "id": 3, "name": "Tuyên truyền", "amounts": { "2013": "70", "2014": "70" } } ],
//!   "sources": [ { "id": 7, "name": "Ngân sách Trung ương", "kind": "central_budget",
//!                  "rule": { "type": "percent", "value": "40" } } ],
//!   "targets": [ … ], "notes": "",
//!   "totals": { "grand": "5400", "phases": ["3080", "2320"], … } }
//! ```
//!
//! Amounts are decimal strings ("1095.5"): never binary floats. `totals` is written for readers
//! and checked on import: the figures are always recomputed and a disagreement is a warning.
//! The JSON Schema, generated from these types, is `docs/draft-v1.schema.json`.
//!
//! Reading is defensive: size, nesting depth, string lengths and counts are limited, and every
//! problem is reported with its JSON path (`$.lines[2].amounts.2014`).

// Nothing reachable from a file or from storage may panic: no unwrap, no unchecked indexing (tests may).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::engine::Totals;
use crate::model::{BudgetLine, FundingSource, MoneyUnit, Phase, Plan, ShareRule, Target, Year, YearRange};

/// The `$schema` value of format version 1.
pub const SCHEMA_V1: &str = "urn:kehoach:draft:v1";
/// The prefix shared by every version's `$schema`.
pub const SCHEMA_PREFIX: &str = "urn:kehoach:draft:v";
/// The newest version this build reads and writes.
pub const CURRENT_VERSION: u32 = 1;

/// Limits on what a draft file may hold.
pub mod limits {
    /// Largest file, in bytes.
    pub const MAX_BYTES: usize = 32 * 1024 * 1024;
    /// Deepest nesting of arrays and objects.
    pub const MAX_DEPTH: usize = 32;
    /// Longest text field, in characters.
    pub const MAX_TEXT: usize = 10_000;
    /// Most budget lines: as many as the rows of the largest sheet an import reads.
    pub const MAX_LINES: usize = 50_000;
    /// Most years a period or phase may span.
    pub const MAX_YEARS: usize = 200;
    /// Most phases, sources or targets.
    pub const MAX_ITEMS: usize = 5_000;
    /// Earliest and latest year accepted.
    pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;
    /// Amounts (and fixed funding amounts) must stay below 10^21 đồng, as in the spreadsheet
    /// import ([`crate::io::import::limits::MAX_AMOUNT_DONG_DIGITS`]): with at most
    /// [`MAX_LINES`] lines × [`MAX_YEARS`] years no total can then overflow a decimal
    /// (10^28 < 7.9 × 10^28). Found by fuzzing: two amounts of 7.9 × 10^28 in one year
    /// made the totals panic. The bound is the model's ([`crate::model::MoneyUnit::accepts`]), as in the UI.
    pub use crate::model::MAX_AMOUNT_DONG_DIGITS;
}

/// Derived totals written for readers of the file; recomputed and compared on import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct DerivedTotals {
    /// Grand total.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "crate::model::DecimalString"))]
    pub grand: Decimal,
    /// Total of each phase, in phase order.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Vec<crate::model::DecimalString>"))]
    pub phases: Vec<Decimal>,
    /// Total of each year.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "BTreeMap<String, crate::model::DecimalString>"))]
    pub years: BTreeMap<Year, Decimal>,
    /// Total of each line, in line order.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Vec<crate::model::DecimalString>"))]
    pub lines: Vec<Decimal>,
}

impl DerivedTotals {
    /// The totals of `plan`.
    pub fn of(plan: &Plan, totals: &Totals) -> Self {
        Self {
            grand: totals.grand(),
            phases: (0..plan.phases.len()).map(|p| totals.phase_total(p)).collect(),
            years: totals
                .columns()
                .iter()
                .filter(|&&y| totals.year_has_values(y))
                .map(|&y| (y, totals.year_total(y)))
                .collect(),
            lines: (0..plan.lines.len()).map(|i| totals.line_total(i)).collect(),
        }
    }
}

/// A draft file, format version 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(title = "kehoach draft, format v1"))]
pub struct DraftFileV1 {
    /// Format and version: `urn:kehoach:draft:v1`.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// Name of the draft as listed in the workbench.
    #[serde(default)]
    pub name: String,
    /// Title of the plan.
    #[serde(default)]
    pub title: String,
    /// Issuing body.
    #[serde(default)]
    pub issuer: String,
    /// The plan's period.
    pub period: YearRange,
    /// Unit of every amount: `dong`, `thousand`, `million` or `billion` (đồng).
    #[serde(default)]
    pub unit: MoneyUnit,
    /// Decimal places funding splits are rounded to, in `unit`.
    #[serde(default)]
    pub precision: Option<u32>,
    /// Phases.
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// Budget lines with their amounts by year.
    #[serde(default)]
    pub lines: Vec<BudgetLine>,
    /// Funding sources.
    #[serde(default)]
    pub sources: Vec<FundingSource>,
    /// Target indicators.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Notes on the annex.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Derived totals, for readers; ignored except for a consistency check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<DerivedTotals>,
}

/// Writes `plan` as a draft file named `name`, totals included, pretty-printed.
pub fn to_json(name: &str, plan: &Plan) -> String {
    write_json(name, plan, &Totals::compute(plan), true)
}

/// The fields of [`DraftFileV1`], borrowed, for writing without copying the plan.
#[derive(Serialize)]
struct DraftOut<'a> {
    #[serde(rename = "$schema")]
    schema: &'a str,
    name: &'a str,
    title: &'a str,
    issuer: &'a str,
    period: YearRange,
    unit: MoneyUnit,
    precision: u32,
    phases: &'a [Phase],
    lines: &'a [BudgetLine],
    sources: &'a [FundingSource],
    targets: &'a [Target],
    #[serde(skip_serializing_if = "str::is_empty")]
    notes: &'a str,
    totals: DerivedTotals,
}

/// Writes `plan` with its already computed `totals`; compact unless `pretty` (storage uses the
/// compact form, downloads the pretty one).
pub fn write_json(name: &str, plan: &Plan, totals: &Totals, pretty: bool) -> String {
    let file = DraftOut {
        schema: SCHEMA_V1,
        name,
        title: &plan.title,
        issuer: &plan.issuer,
        period: plan.period,
        unit: plan.unit,
        precision: plan.precision,
        phases: &plan.phases,
        lines: &plan.lines,
        sources: &plan.sources,
        targets: &plan.targets,
        notes: &plan.notes,
        totals: DerivedTotals::of(plan, totals),
    };
    // Serialising these plain types cannot fail.
    if pretty { serde_json::to_string_pretty(&file) } else { serde_json::to_string(&file) }.unwrap_or_default()
}

/// A draft read from JSON, with what was doubtful about it.
#[derive(Debug, Clone)]
pub struct LoadedDraft {
    /// The draft's name.
    pub name: String,
    /// The plan.
    pub plan: Plan,
    /// Format version the file was written in (0: no `$schema`).
    pub version: u32,
    /// Warnings (nothing here prevented loading).
    pub warnings: Vec<Diagnostic>,
}

/// Why a draft file cannot be opened. Each error names its JSON path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message_en}")]
pub struct LoadError {
    /// Where: `$`, `$.lines[2].amounts.2014` …
    pub location: String,
    /// Message in Vietnamese.
    pub message_vi: String,
    /// Message in English.
    pub message_en: String,
}

impl LoadError {
    fn new(location: impl Into<String>, vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self { location: location.into(), message_vi: vi.into(), message_en: en.into() }
    }

    /// As a diagnostic of severity error.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::error("json_invalid", self.location.clone(), self.message_vi.clone(), self.message_en.clone())
    }
}

/// Reads a draft file: checks its size and depth, its version (migrating older ones), its fields
/// and values, then recomputes its totals and compares them with the ones it states.
pub fn from_json(text: &str) -> Result<LoadedDraft, Vec<LoadError>> {
    if text.len() > limits::MAX_BYTES {
        return Err(vec![LoadError::new(
            "$",
            format!("Tệp quá lớn ({} MB); giới hạn là {} MB.", text.len() / 1_048_576, limits::MAX_BYTES / 1_048_576),
            format!(
                "The file is too large ({} MB); the limit is {} MB.",
                text.len() / 1_048_576,
                limits::MAX_BYTES / 1_048_576
            ),
        )]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(depth) = too_deep(text) {
        return Err(vec![LoadError::new(
            "$",
            format!("Tệp lồng nhau quá sâu (hơn {depth} mức); đây không phải bản nháp kehoach."),
            format!("The file nests deeper than {depth} levels; this is not a kehoach draft."),
        )]);
    }
    // Fast path: a well-formed file of the current version deserialises straight into the types.
    // Anything doubtful takes the slower road below, which names every bad field by its path.
    if let Ok(file) = serde_json::from_str::<DraftFileV1>(text)
        && file.schema == SCHEMA_V1
        && within_limits(&file)
    {
        let mut errors = Vec::new();
        let plan = into_plan(&file, &mut errors);
        if errors.is_empty() {
            let mut warnings = Vec::new();
            if let Some(stated) = &file.totals {
                compare_totals(&plan, stated, &mut warnings);
            }
            return Ok(LoadedDraft { name: file.name, plan, version: 1, warnings });
        }
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        vec![LoadError::new(
            "$",
            format!("Không đọc được JSON (dòng {}, cột {}): tệp hỏng hoặc không phải JSON.", e.line(), e.column()),
            format!("Not valid JSON (line {}, column {}): the file is damaged or not JSON.", e.line(), e.column()),
        )]
    })?;
    let Value::Object(mut object) = value else {
        return Err(vec![LoadError::new(
            "$",
            "Tệp JSON không chứa một bản nháp (cần một đối tượng { … }).",
            "The JSON file does not hold a draft (an object { … } is expected).",
        )]);
    };
    let version = match object.get("$schema") {
        None => 0,
        Some(Value::String(s)) => match s.strip_prefix(SCHEMA_PREFIX).and_then(|v| v.parse::<u32>().ok()) {
            Some(v) => v,
            None => {
                return Err(vec![LoadError::new(
                    "$['$schema']",
                    format!("«{}» không phải định dạng bản nháp kehoach.", crate::text::clip(s, 80)),
                    format!("'{}' is not a kehoach draft format.", crate::text::clip(s, 80)),
                )]);
            }
        },
        Some(_) => {
            return Err(vec![LoadError::new(
                "$['$schema']",
                "$schema phải là một chuỗi.",
                "$schema must be a string.",
            )]);
        }
    };
    if version > CURRENT_VERSION {
        return Err(vec![LoadError::new(
            "$['$schema']",
            format!(
                "Bản nháp này được tạo bởi phiên bản kehoach mới hơn (định dạng v{version}); phiên bản này chỉ đọc đến v{CURRENT_VERSION}. Hãy cập nhật kehoach."
            ),
            format!(
                "This draft was made by a newer kehoach (format v{version}); this version reads up to v{CURRENT_VERSION}. Please update kehoach."
            ),
        )]);
    }
    if version == 0 {
        migrate_v0(&mut object);
    }
    let mut errors = Vec::new();
    for (key, value) in &object {
        check_texts(value, &join_key("$", key), &mut errors);
    }
    check_counts(&object, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let file: DraftFileV1 = read_fields(object, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let plan = into_plan(&file, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut warnings = Vec::new();
    if let Some(stated) = &file.totals {
        compare_totals(&plan, stated, &mut warnings);
    }
    Ok(LoadedDraft { name: file.name, plan, version, warnings })
}

/// Whether every text and count of a typed file is within the limits.
fn within_limits(file: &DraftFileV1) -> bool {
    let ok = |t: &str| t.len() <= limits::MAX_TEXT || t.chars().count() <= limits::MAX_TEXT;
    ok(&file.name)
        && ok(&file.title)
        && ok(&file.issuer)
        && ok(&file.notes)
        && file.lines.len() <= limits::MAX_LINES
        && file.phases.len() <= limits::MAX_ITEMS
        && file.sources.len() <= limits::MAX_ITEMS
        && file.targets.len() <= limits::MAX_ITEMS
        && file.phases.iter().all(|p| ok(&p.name))
        && file.lines.iter().all(|l| ok(&l.name) && ok(&l.code) && ok(&l.agency) && ok(&l.notes))
        && file.sources.iter().all(|s| ok(&s.name))
        && file.targets.iter().all(|t| {
            ok(&t.group)
                && ok(&t.name)
                && ok(&t.agency)
                && ok(&t.notes)
                && t.partners.iter().all(|p| ok(p))
                && t.variants.iter().all(|v| ok(&v.name))
                && match &t.unit {
                    crate::model::TargetUnit::Named(n) => ok(n),
                    _ => true,
                }
        })
}

/// Version 0 is a bare plan written by hand or by early tools: no `$schema`, ids optional, amounts
/// possibly plain numbers. It becomes version 1 by filling in what is missing.
fn migrate_v0(object: &mut Map<String, Value>) {
    object.insert("$schema".into(), Value::String(SCHEMA_V1.into()));
    let mut next = 1u64;
    for key in ["phases", "lines", "sources", "targets"] {
        if let Some(Value::Array(items)) = object.get(key) {
            for item in items {
                if let Some(id) = item.get("id").and_then(Value::as_u64) {
                    // Saturating: an id of u64::MAX overflowed here (found by fuzzing). Ids past
                    // u32 are refused when the items are read.
                    next = next.max(id.saturating_add(1));
                }
            }
        }
    }
    for key in ["phases", "lines", "sources", "targets"] {
        if let Some(Value::Array(items)) = object.get_mut(key) {
            for item in items {
                if let Value::Object(o) = item
                    && !o.contains_key("id")
                {
                    o.insert("id".into(), Value::from(next));
                    next = next.saturating_add(1);
                }
            }
        }
    }
}

/// Finds nesting deeper than the limit without building anything.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for b in text.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limits::MAX_DEPTH {
                    return Some(limits::MAX_DEPTH);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn check_texts(value: &Value, path: &str, errors: &mut Vec<LoadError>) {
    if errors.len() >= 20 {
        return;
    }
    match value {
        Value::String(s) if s.chars().count() > limits::MAX_TEXT => errors.push(LoadError::new(
            path,
            format!("Chuỗi quá dài ({} ký tự; tối đa {}).", s.chars().count(), limits::MAX_TEXT),
            format!("Text too long ({} characters; at most {}).", s.chars().count(), limits::MAX_TEXT),
        )),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if matches!(item, Value::String(_) | Value::Array(_) | Value::Object(_)) {
                    check_texts(item, &format!("{path}[{i}]"), errors);
                }
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                if matches!(v, Value::String(_) | Value::Array(_) | Value::Object(_)) {
                    check_texts(v, &join_key(path, k), errors);
                }
            }
        }
        _ => {}
    }
}

fn check_counts(object: &Map<String, Value>, errors: &mut Vec<LoadError>) {
    let limit = |key: &str, max: usize, errors: &mut Vec<LoadError>| {
        if let Some(Value::Array(items)) = object.get(key)
            && items.len() > max
        {
            errors.push(LoadError::new(
                format!("$.{key}"),
                format!("Quá nhiều mục ({}; tối đa {max}).", items.len()),
                format!("Too many items ({}; at most {max}).", items.len()),
            ));
        }
    };
    limit("lines", limits::MAX_LINES, errors);
    limit("phases", limits::MAX_ITEMS, errors);
    limit("sources", limits::MAX_ITEMS, errors);
    limit("targets", limits::MAX_ITEMS, errors);
}

/// `$.a` + `b` → `$.a.b`; keys that are not plain names are quoted: `$['$schema']`.
fn join_key(path: &str, key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_') {
        format!("{path}.{key}")
    } else {
        format!("{path}['{}']", key.replace('\'', "\\'"))
    }
}

/// Turns serde_path_to_error's path (`lines[2].amounts.2014`) into a JSON path.
fn json_path(prefix: &str, path: &serde_path_to_error::Path) -> String {
    let mut out = prefix.to_string();
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            serde_path_to_error::Segment::Map { key } => out = join_key(&out, key),
            serde_path_to_error::Segment::Enum { variant } => out = join_key(&out, variant),
            serde_path_to_error::Segment::Unknown => {}
        }
    }
    out
}

/// Deserialises the file field by field so that every bad field is reported, not just the first.
fn read_fields(object: Map<String, Value>, errors: &mut Vec<LoadError>) -> DraftFileV1 {
    fn field<T: serde::de::DeserializeOwned + Default>(
        object: &Map<String, Value>,
        key: &str,
        required: bool,
        errors: &mut Vec<LoadError>,
    ) -> T {
        let path = join_key("$", key);
        match object.get(key) {
            None | Some(Value::Null) if !required => T::default(),
            None | Some(Value::Null) => {
                errors.push(LoadError::new(
                    path,
                    format!("Thiếu trường «{key}»."),
                    format!("The field '{key}' is missing."),
                ));
                T::default()
            }
            Some(value) => match serde_path_to_error::deserialize::<_, T>(value) {
                Ok(v) => v,
                Err(e) => {
                    let at = json_path(&path, e.path());
                    let (vi, en) = explain(e.inner().to_string());
                    errors.push(LoadError::new(at, vi, en));
                    T::default()
                }
            },
        }
    }
    fn items<T: serde::de::DeserializeOwned>(
        object: &Map<String, Value>,
        key: &str,
        errors: &mut Vec<LoadError>,
    ) -> Vec<T> {
        let path = join_key("$", key);
        match object.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(values)) => values
                .iter()
                .enumerate()
                .filter_map(|(i, value)| match serde_path_to_error::deserialize::<_, T>(value) {
                    Ok(v) => Some(v),
                    Err(e) => {
                        if errors.len() < 50 {
                            let at = json_path(&format!("{path}[{i}]"), e.path());
                            let (vi, en) = explain(e.inner().to_string());
                            errors.push(LoadError::new(at, vi, en));
                        }
                        None
                    }
                })
                .collect(),
            Some(_) => {
                errors.push(LoadError::new(path, "Cần một danh sách [ … ].", "A list [ … ] is expected."));
                Vec::new()
            }
        }
    }
    #[derive(Default, Deserialize)]
    struct Period(Option<YearRange>);
    let period: Option<YearRange> = field::<Period>(&object, "period", true, errors).0;
    let unit: Option<MoneyUnit> = field(&object, "unit", false, errors);
    DraftFileV1 {
        schema: SCHEMA_V1.into(),
        name: field(&object, "name", false, errors),
        title: field(&object, "title", false, errors),
        issuer: field(&object, "issuer", false, errors),
        period: period.unwrap_or(YearRange::new(0, 0)),
        unit: unit.unwrap_or_default(),
        precision: field(&object, "precision", false, errors),
        phases: items(&object, "phases", errors),
        lines: items(&object, "lines", errors),
        sources: items(&object, "sources", errors),
        targets: items(&object, "targets", errors),
        notes: field(&object, "notes", false, errors),
        totals: field(&object, "totals", false, errors),
    }
}

/// A planner-readable message for a serde error.
fn explain(raw: String) -> (String, String) {
    if raw.contains("Invalid decimal") || raw.contains("decimal") {
        (
            format!("Không phải số thập phân ({raw}). Số tiền viết dạng chuỗi như \"1095.5\"."),
            format!("Not a decimal number ({raw}). Amounts are strings such as \"1095.5\"."),
        )
    } else if raw.contains("invalid type") {
        (format!("Sai kiểu dữ liệu: {raw}."), format!("Wrong type: {raw}."))
    } else if raw.contains("missing field") {
        (format!("Thiếu trường: {raw}."), format!("Missing field: {raw}."))
    } else {
        (format!("Giá trị không hợp lệ: {raw}."), format!("Invalid value: {raw}."))
    }
}

fn year_ok(y: Year) -> bool {
    limits::YEARS.contains(&y)
}

/// Whether `amount`, in `unit`, reaches 10^[`limits::MAX_AMOUNT_DONG_DIGITS`] đồng.
fn too_large(amount: Decimal, unit: MoneyUnit) -> bool {
    !unit.accepts(amount)
}

fn amount_error(path: String, amount: Decimal) -> LoadError {
    LoadError::new(
        path,
        format!("Số tiền {amount} quá lớn: mỗi số tiền phải nhỏ hơn 10^21 đồng (một triệu tỷ đồng)."),
        format!("The amount {amount} is too large: every amount must stay below 10^21 đồng (a million billion đồng)."),
    )
}

/// Checks values serde cannot: years in range, spans, unique ids.
fn into_plan(file: &DraftFileV1, errors: &mut Vec<LoadError>) -> Plan {
    let range_error = |path: String, r: &YearRange, errors: &mut Vec<LoadError>| {
        if !year_ok(r.first) || !year_ok(r.last) {
            errors.push(LoadError::new(
                path,
                format!(
                    "Năm {}–{} nằm ngoài khoảng cho phép ({}–{}).",
                    r.first,
                    r.last,
                    limits::YEARS.start(),
                    limits::YEARS.end()
                ),
                format!(
                    "Years {}–{} are outside the accepted range ({}–{}).",
                    r.first,
                    r.last,
                    limits::YEARS.start(),
                    limits::YEARS.end()
                ),
            ));
        } else if r.len() > limits::MAX_YEARS {
            errors.push(LoadError::new(
                path,
                format!("Khoảng năm quá dài ({} năm; tối đa {}).", r.len(), limits::MAX_YEARS),
                format!("The year range is too long ({} years; at most {}).", r.len(), limits::MAX_YEARS),
            ));
        }
    };
    range_error("$.period".into(), &file.period, errors);
    if file.period.first > file.period.last {
        errors.push(LoadError::new(
            "$.period",
            "Năm đầu của thời kỳ lớn hơn năm cuối.",
            "The period's first year is after its last year.",
        ));
    }
    for (i, phase) in file.phases.iter().enumerate() {
        range_error(format!("$.phases[{i}].years"), &phase.years, errors);
    }
    for (i, line) in file.lines.iter().enumerate() {
        for &year in line.amounts.keys() {
            if !year_ok(year) {
                errors.push(LoadError::new(
                    format!("$.lines[{i}].amounts.{year}"),
                    format!("Năm {year} nằm ngoài khoảng cho phép."),
                    format!("Year {year} is outside the accepted range."),
                ));
            }
        }
        if line.depth > 16 {
            errors.push(LoadError::new(
                format!("$.lines[{i}].depth"),
                "Cấp lồng nhau tối đa là 16.",
                "The deepest outline level is 16.",
            ));
        }
        for (&year, &amount) in &line.amounts {
            if errors.len() < 50 && too_large(amount, file.unit) {
                errors.push(amount_error(format!("$.lines[{i}].amounts.{year}"), amount));
            }
        }
    }
    for (i, source) in file.sources.iter().enumerate() {
        if let ShareRule::Amount { value } = source.rule
            && errors.len() < 50
            && too_large(value, file.unit)
        {
            errors.push(amount_error(format!("$.sources[{i}].rule.value"), value));
        }
        for (phase, rule) in &source.phase_rules {
            if let ShareRule::Amount { value } = *rule
                && errors.len() < 50
                && too_large(value, file.unit)
            {
                errors.push(amount_error(format!("$.sources[{i}].phase_rules.{}.value", phase.0), value));
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    let ids = file
        .phases
        .iter()
        .map(|p| (p.id, "phases"))
        .chain(file.lines.iter().map(|l| (l.id, "lines")))
        .chain(file.sources.iter().map(|s| (s.id, "sources")))
        .chain(file.targets.iter().map(|t| (t.id, "targets")));
    let mut counters: BTreeMap<&str, usize> = BTreeMap::new();
    for (id, key) in ids {
        let index = counters.entry(key).or_default();
        if !seen.insert(id) {
            errors.push(LoadError::new(
                format!("$.{key}[{index}].id"),
                format!("Mã {} bị trùng.", id.0),
                format!("The id {} is used twice.", id.0),
            ));
        }
        *index += 1;
    }
    // Overlaps of the totals' columns are bounded by the checks above, but the union of all years
    // is bounded too, so the grid stays a sane size.
    let mut all_years: std::collections::BTreeSet<Year> = std::collections::BTreeSet::new();
    for line in &file.lines {
        all_years.extend(line.amounts.keys());
    }
    if let (Some(first), Some(last)) = (all_years.first(), all_years.last()) {
        // In i64: the years here are not yet known to be in range (their errors are collected
        // above), and i32::MAX − i32::MIN overflowed (found by fuzzing).
        let span = i64::from(*last.max(&file.period.last)) - i64::from(*first.min(&file.period.first)) + 1;
        if span > limits::MAX_YEARS as i64 {
            errors.push(LoadError::new(
                "$.lines",
                format!("Số liệu trải qua {span} năm (tối đa {}).", limits::MAX_YEARS),
                format!("The amounts span {span} years (at most {}).", limits::MAX_YEARS),
            ));
        }
    }
    Plan {
        title: file.title.clone(),
        issuer: file.issuer.clone(),
        period: file.period,
        unit: file.unit,
        precision: file.precision.unwrap_or(file.unit.exponent()).min(12),
        phases: file.phases.clone(),
        lines: file.lines.clone(),
        sources: file.sources.clone(),
        targets: file.targets.clone(),
        notes: file.notes.clone(),
    }
}

fn compare_totals(plan: &Plan, stated: &DerivedTotals, warnings: &mut Vec<Diagnostic>) {
    let actual = DerivedTotals::of(plan, &Totals::compute(plan));
    let mut differ = |path: String, stated: Decimal, actual: Decimal| {
        if stated != actual && warnings.len() < 50 {
            warnings.push(Diagnostic::warning(
                "stated_total_differs",
                path,
                format!("Tổng ghi trong tệp là {stated}, nhưng cộng lại được {actual}; dùng {actual}."),
                format!("The file states {stated}, but the figures add up to {actual}; {actual} is used."),
            ));
        }
    };
    differ("$.totals.grand".into(), stated.grand, actual.grand);
    for (i, s) in stated.phases.iter().enumerate() {
        differ(format!("$.totals.phases[{i}]"), *s, actual.phases.get(i).copied().unwrap_or_default());
    }
    for (y, s) in &stated.years {
        differ(format!("$.totals.years.{y}"), *s, actual.years.get(y).copied().unwrap_or_default());
    }
    for (i, s) in stated.lines.iter().enumerate() {
        differ(format!("$.totals.lines[{i}]"), *s, actual.lines.get(i).copied().unwrap_or_default());
    }
}

/// The JSON Schema of format v1, generated from the Rust types.
#[cfg(not(target_arch = "wasm32"))]
pub fn schema_v1() -> String {
    let schema = schemars::schema_for!(DraftFileV1);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
