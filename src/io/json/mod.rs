//! The JSON draft format, version 2: how drafts are shared between planners and kept in storage.
//!
//! A draft file is one JSON object:
//!
//! ```json
//! { "$schema": "urn:kehoach:draft:v2", "name": "…", "title": "…", "issuer": "…",
//!   "period": { "first": 2012, "last": 2020 }, "unit": "million", "precision": 6,
//!   "phases": [ { "id": 1, "name": "Giai đoạn 1", "years": { "first": 2012, "last": 2015 } } ],
//!   "lines": [ { "id": 3, "name": "Tuyên truyền", "amounts": { "2013": "70", "2014": "70" } } ],
//!   "sources": [ { "id": 7, "name": "Ngân sách Trung ương", "kind": "central_budget",
//!                  "rule": { "type": "percent", "value": "40" } } ],
//!   "targets": [ … ], "notes": "",
//!   "agencies": [ { "id": 9, "name": "Sở Giáo dục và Đào tạo", "short": "Sở GD&ĐT", "level": "province" } ],
//!   "tasks": [ { "id": 12, "number": "1.", "name": "Tuyên truyền …", "lead": "Sở Giáo dục và Đào tạo",
//!                "partners": ["Sở Thông tin và Truyền thông"], "time": "2013–2015", "lines": [3] } ],
//!   "reports": [ { "id": 20, "kind": "periodic", "name": "Báo cáo tình hình thực hiện",
//!                  "when": "tháng 6 và tháng 12 hằng năm", "from": "Sở GD&ĐT", "to": "UBND tỉnh" } ],
//!   "totals": { "grand": "5400", "phases": ["3080", "2320"], … } }
//! ```
//!
//! Amounts are decimal strings ("1095.5"): never binary floats. `totals` is written for readers
//! and checked on import: the figures are always recomputed and a disagreement is a warning.
//! The JSON Schema, generated from these types, is `docs/draft-v3.schema.json`; version 3 is
//! version 2 with `consolidation` and only a consolidated plan is written in it
//! (`docs/draft-v2.schema.json` is kept). Version 1 (no
//! agencies, tasks or calendar; `docs/draft-v1.schema.json`) reads as version 2: its agencies
//! named where they act (lines' and targets' leads and partners) become the directory.
//!
//! Reading is defensive: size, nesting depth, string lengths, counts and years are limited (the
//! limits of [`crate::model::limits`]), a key written twice in one object is refused, UTF-16
//! files are decoded ([`from_json_bytes`]), and every problem is reported with its JSON path
//! (`$.lines[2].amounts.2014`) and a message wholly in Vietnamese and wholly in English.
//! Opening a draft is linear in its size.

// Nothing reachable from a file or from storage may panic: no unwrap, no unchecked indexing (tests may).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::diagnostic::{Diagnostic, Location};
use crate::engine::Totals;
use crate::locale::Text;
use crate::model::{Agency, BudgetLine, FundingSource, MoneyUnit, Phase, Plan, Report, Target, Task, Year, YearRange};

mod checks;
mod encoding;
mod explain;
mod scan;

pub use encoding::{decode, is_draft_file};

/// The `$schema` value of format version 1.
pub const SCHEMA_V1: &str = "urn:kehoach:draft:v1";
/// The `$schema` value of format version 2 (agencies, tasks, reporting calendar).
pub const SCHEMA_V2: &str = "urn:kehoach:draft:v2";
/// The `$schema` value of format version 3: version 2 with `consolidation` (what each unit
/// contributes to a consolidated plan). Only a consolidated plan is written in it, so that an
/// older kehoach refuses it instead of dropping the units' shares.
pub const SCHEMA_V3: &str = "urn:kehoach:draft:v3";
/// The prefix shared by every version's `$schema`.
pub const SCHEMA_PREFIX: &str = "urn:kehoach:draft:v";
/// The newest version this build reads and writes.
pub const CURRENT_VERSION: u32 = 3;

/// Limits on what a draft file may hold: the plan's ([`crate::model::limits`], stated once for
/// every way in) and the file's own.
pub mod limits {
    pub use crate::model::limits::*;
    /// Largest file, in bytes.
    pub const MAX_BYTES: usize = MAX_DRAFT_BYTES;
    /// Deepest nesting of arrays and objects.
    pub const MAX_DEPTH: usize = MAX_JSON_DEPTH;
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
    #[serde(deserialize_with = "crate::model::bounded::unique_keys")]
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

/// A draft file, format version 2 (a file of version 1 reads into it: it lacks the agencies,
/// tasks and calendar).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(title = "kehoach draft, format v3"))]
pub struct DraftFile {
    /// Format and version: `urn:kehoach:draft:v2` (or `v1`).
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
    #[serde(default, deserialize_with = "crate::model::bounded::phases")]
    pub phases: Vec<Phase>,
    /// Budget lines with their amounts by year.
    #[serde(default, deserialize_with = "crate::model::bounded::lines")]
    pub lines: Vec<BudgetLine>,
    /// Funding sources.
    #[serde(default, deserialize_with = "crate::model::bounded::sources")]
    pub sources: Vec<FundingSource>,
    /// Target indicators.
    #[serde(default, deserialize_with = "crate::model::bounded::targets")]
    pub targets: Vec<Target>,
    /// The directory of agencies (v2).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "crate::model::bounded::agencies")]
    pub agencies: Vec<Agency>,
    /// Tasks and who does them (v2).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "crate::model::bounded::tasks")]
    pub tasks: Vec<Task>,
    /// The reporting calendar (v2).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "crate::model::bounded::reports")]
    pub reports: Vec<Report>,
    /// Notes on the annex.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// For a consolidated plan: what each unit contributes (v3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consolidation: Option<Box<crate::model::Consolidation>>,
    /// Derived totals, for readers; ignored except for a consistency check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<DerivedTotals>,
}

/// Writes `plan` as a draft file named `name`, totals included, pretty-printed.
pub fn to_json(name: &str, plan: &Plan) -> String {
    write_json(name, plan, &Totals::compute(plan), true)
}

/// The fields of [`DraftFile`], borrowed, for writing without copying the plan.
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
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    agencies: &'a [Agency],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tasks: &'a [Task],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    reports: &'a [Report],
    #[serde(skip_serializing_if = "str::is_empty")]
    notes: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    consolidation: Option<&'a crate::model::Consolidation>,
    totals: DerivedTotals,
}

/// Writes `plan` with its already computed `totals`; compact unless `pretty` (storage uses the
/// compact form, downloads the pretty one).
pub fn write_json(name: &str, plan: &Plan, totals: &Totals, pretty: bool) -> String {
    let file = draft_out(name, plan, totals);
    // Serialising these plain types cannot fail.
    if pretty { serde_json::to_string_pretty(&file) } else { serde_json::to_string(&file) }.unwrap_or_default()
}

/// [`write_json`] (compact) if the text has at most `most` characters; `None` as soon as it grows
/// past them (a draft too large for the browser's storage is not written out in full only to be
/// refused).
pub fn write_json_within(name: &str, plan: &Plan, totals: &Totals, most: usize) -> Option<String> {
    /// A buffer that refuses to grow past `most` characters (UTF-8 lead bytes).
    struct Bounded {
        bytes: Vec<u8>,
        chars: usize,
        most: usize,
    }
    impl std::io::Write for Bounded {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.chars += buf.iter().filter(|b| (**b & 0xC0) != 0x80).count();
            if self.chars > self.most {
                return Err(std::io::Error::other("over the bound"));
            }
            self.bytes.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = Bounded { bytes: Vec::new(), chars: 0, most };
    serde_json::to_writer(&mut out, &draft_out(name, plan, totals)).ok()?;
    String::from_utf8(out.bytes).ok()
}

fn draft_out<'a>(name: &'a str, plan: &'a Plan, totals: &Totals) -> DraftOut<'a> {
    DraftOut {
        schema: if plan.consolidation.is_some() { SCHEMA_V3 } else { SCHEMA_V2 },
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
        agencies: &plan.agencies,
        tasks: &plan.tasks,
        reports: &plan.reports,
        notes: &plan.notes,
        consolidation: plan.consolidation.as_deref(),
        totals: DerivedTotals::of(plan, totals),
    }
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
    /// The plan's totals, computed while loading (to check the stated ones): opening the draft
    /// starts its editor from them instead of computing them again.
    pub totals: Totals,
}

/// Why a draft file cannot be opened. Each error names its JSON path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {}", text.get(crate::locale::Lang::En))]
pub struct LoadError {
    /// Where: `$`, `$.lines[2].amounts.2014` …
    pub location: String,
    /// What the planner reads.
    pub text: Text,
}

impl LoadError {
    pub(crate) fn new(location: impl Into<String>, text: Text) -> Self {
        Self { location: location.into(), text }
    }

    /// As a diagnostic of severity error.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::error("json_invalid", Location::Json(self.location.clone()), self.text.clone())
    }
}

/// Reads a draft file from its bytes: UTF-8 (with or without a byte order mark) or UTF-16
/// ([`decode`]), then as [`from_json`]. An empty file is "an empty draft file".
pub fn from_json_bytes(bytes: &[u8]) -> Result<LoadedDraft, Vec<LoadError>> {
    let text = decode(bytes).map_err(|e| vec![e])?;
    from_json(&text)
}

/// Reads a draft file: checks its size, depth, repeated keys and list lengths in one pass over
/// the text, its version (migrating older ones), its fields and values against the limits, then
/// recomputes its totals and compares them with the ones it states.
pub fn from_json(text: &str) -> Result<LoadedDraft, Vec<LoadError>> {
    if text.len() > limits::MAX_BYTES {
        return Err(vec![LoadError::new(
            "$",
            crate::locale::Text::new(
                format!(
                    "Tệp quá lớn ({} MB); giới hạn là {} MB.",
                    text.len() / 1_048_576,
                    limits::MAX_BYTES / 1_048_576
                ),
                format!(
                    "The file is too large ({} MB); the limit is {} MB.",
                    text.len() / 1_048_576,
                    limits::MAX_BYTES / 1_048_576
                ),
            ),
        )]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![encoding::empty_draft()]);
    }
    // Fast path: a well-formed file of the current version deserialises straight into the types,
    // its maps refusing a repeated key and its lists stopping at their limits
    // ([`crate::model::bounded`]). Anything doubtful takes the slower road below, which first
    // scans the text (depth, repeated keys anywhere, list lengths) and names every bad field by
    // its path.
    if let Ok(file) = serde_json::from_str::<DraftFile>(text)
        && let Some(version) = [(SCHEMA_V1, 1), (SCHEMA_V2, 2), (SCHEMA_V3, 3)]
            .into_iter()
            .find(|(s, _)| file.schema == *s)
            .map(|(_, v)| v)
    {
        return finish(file, version);
    }
    let scanned = scan::scan(text);
    if scanned.too_deep {
        let depth = limits::MAX_DEPTH;
        return Err(vec![LoadError::new(
            "$",
            crate::text!(
                "Tệp lồng nhau quá sâu (hơn {depth} mức); đây không phải bản nháp kehoach.",
                "The file nests deeper than {depth} levels; this is not a kehoach draft."
            ),
        )]);
    }
    let mut errors = checks::Errors::default();
    checks::list_lengths(&scanned.lists, &mut errors);
    if !errors.is_empty() {
        return Err(errors.finish());
    }
    let value: Value = serde_json::from_str(text).map_err(|e| vec![explain::syntax_error(&e)])?;
    if !scanned.duplicates.is_empty() {
        for path in &scanned.duplicates {
            let key = path.rsplit(['.', '[']).next().unwrap_or_default().trim_end_matches(']').trim_matches('\'');
            errors.push(|| {
                LoadError::new(path.clone(), crate::text!("Khoá «{key}» được viết hai lần trong cùng một đối tượng; chỉ được viết một lần. Hãy xoá một trong hai.", "The key '{key}' is written twice in the same object; it may appear only once. Remove one of them."))
            });
        }
        errors.more(scanned.duplicate_count.saturating_sub(scanned.duplicates.len()));
        return Err(errors.finish());
    }
    let Value::Object(mut object) = value else {
        return Err(vec![LoadError::new(
            "$",
            crate::locale::Text::fixed(
                "Tệp JSON không chứa một bản nháp (cần một đối tượng { … }).",
                "The JSON file does not hold a draft (an object { … } is expected).",
            ),
        )]);
    };
    let version = match object.get("$schema") {
        None => 0,
        Some(Value::String(s)) => match s.strip_prefix(SCHEMA_PREFIX).and_then(|v| v.parse::<u32>().ok()) {
            Some(v) => v,
            None => {
                return Err(vec![LoadError::new(
                    "$['$schema']",
                    crate::text!(
                        "«{}» không phải định dạng bản nháp kehoach.",
                        "'{}' is not a kehoach draft format.",
                        crate::text::clip(s, 80)
                    ),
                )]);
            }
        },
        Some(_) => {
            return Err(vec![LoadError::new(
                "$['$schema']",
                crate::locale::Text::fixed("$schema phải là một chuỗi.", "$schema must be a string."),
            )]);
        }
    };
    if version > CURRENT_VERSION {
        return Err(vec![LoadError::new(
            "$['$schema']",
            crate::text!(
                "Bản nháp này được tạo bởi phiên bản kehoach mới hơn (định dạng v{version}); phiên bản này chỉ đọc đến v{CURRENT_VERSION}. Hãy cập nhật kehoach.",
                "This draft was made by a newer kehoach (format v{version}); this version reads up to v{CURRENT_VERSION}. Please update kehoach."
            ),
        )]);
    }
    if version == 0 {
        migrate_v0(&mut object);
    }
    let mut path = String::from("$");
    for (key, value) in &object {
        let at = join_key("$", key);
        path.replace_range(.., &at);
        checks::texts(value, &mut path, &mut errors);
    }
    if !errors.is_empty() {
        return Err(errors.finish());
    }
    let file: DraftFile = read_fields(object, &mut errors);
    if !errors.is_empty() {
        return Err(errors.finish());
    }
    finish(file, version)
}

/// Checks a typed file's values and turns it into the loaded draft.
fn finish(file: DraftFile, version: u32) -> Result<LoadedDraft, Vec<LoadError>> {
    let mut errors = checks::Errors::default();
    let (name, mut plan, stated) = checks::into_plan(file, &mut errors);
    if !errors.is_empty() {
        return Err(errors.finish());
    }
    let mut warnings = Vec::new();
    checks::links(&mut plan, &mut warnings);
    // Version 1 named agencies only where they act: they become the directory. (A version 2
    // file keeps its own directory as it is: a name used but not listed is shown all the same.)
    if version < 2 {
        plan.sync_agencies();
    }
    checks::cells(&plan, &mut errors);
    if !errors.is_empty() {
        return Err(errors.finish());
    }
    let totals = Totals::compute(&plan);
    if let Some(stated) = &stated {
        checks::compare_totals(&plan, &totals, stated, &mut warnings);
    }
    Ok(LoadedDraft { name, plan, version, warnings, totals })
}

/// Version 0 is a bare plan written by hand or by early tools: no `$schema`, ids optional, amounts
/// possibly plain numbers. It becomes version 1 by filling in what is missing.
fn migrate_v0(object: &mut Map<String, Value>) {
    object.insert("$schema".into(), Value::String(SCHEMA_V1.into()));
    let mut next = 1u64;
    for key in ["phases", "lines", "sources", "targets", "agencies", "tasks", "reports"] {
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
    for key in ["phases", "lines", "sources", "targets", "agencies", "tasks", "reports"] {
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

/// `$.a` + `b` → `$.a.b`; keys that are not plain names are quoted: `$['$schema']`.
pub(crate) fn join_key(path: &str, key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_') {
        format!("{path}.{key}")
    } else {
        format!("{path}['{}']", key.replace('\'', "\\'"))
    }
}

/// Deserialises the file field by field so that every bad field is reported, not just the first.
fn read_fields(object: Map<String, Value>, errors: &mut checks::Errors) -> DraftFile {
    fn field<T: serde::de::DeserializeOwned + Default>(
        object: &Map<String, Value>,
        key: &str,
        required: bool,
        errors: &mut checks::Errors,
    ) -> T {
        let path = join_key("$", key);
        match object.get(key) {
            None | Some(Value::Null) if !required => T::default(),
            None | Some(Value::Null) => {
                errors.push(|| {
                    LoadError::new(path, crate::text!("Thiếu trường «{key}».", "The field '{key}' is missing."))
                });
                T::default()
            }
            Some(value) => match serde_path_to_error::deserialize::<_, T>(value) {
                Ok(v) => v,
                Err(e) => {
                    errors.push(|| explain::data_error(&path, value, e.path(), &e.inner().to_string()));
                    T::default()
                }
            },
        }
    }
    fn items<T: serde::de::DeserializeOwned>(
        object: &Map<String, Value>,
        key: &str,
        errors: &mut checks::Errors,
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
                        errors.push(|| {
                            explain::data_error(&format!("{path}[{i}]"), value, e.path(), &e.inner().to_string())
                        });
                        None
                    }
                })
                .collect(),
            Some(_) => {
                errors.push(|| {
                    LoadError::new(
                        path,
                        crate::locale::Text::fixed("Cần một danh sách [ … ].", "A list [ … ] is expected."),
                    )
                });
                Vec::new()
            }
        }
    }
    #[derive(Default, Deserialize)]
    struct Period(Option<YearRange>);
    let period: Option<YearRange> = field::<Period>(&object, "period", true, errors).0;
    let unit: Option<MoneyUnit> = field(&object, "unit", false, errors);
    DraftFile {
        schema: SCHEMA_V2.into(),
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
        agencies: items(&object, "agencies", errors),
        tasks: items(&object, "tasks", errors),
        reports: items(&object, "reports", errors),
        notes: field(&object, "notes", false, errors),
        consolidation: field(&object, "consolidation", false, errors),
        totals: field(&object, "totals", false, errors),
    }
}

/// The JSON Schema of the current format (v3), generated from the Rust types.
#[cfg(not(target_arch = "wasm32"))]
pub fn schema() -> String {
    let schema = schemars::schema_for!(DraftFile);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
