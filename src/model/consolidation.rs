//! Where a consolidated plan's money comes from: each unit's contribution, kept with the plan so
//! that every figure can be traced to the units and a unit's new version can replace its share.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{ItemId, MoneyUnit, SourceKind, Year};

/// The units a consolidated plan adds up, with what each contributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Consolidation {
    /// The units, in the order they were added.
    pub units: Vec<UnitShare>,
    /// The planner's corrections of the line matching, applied again when a unit is
    /// re-consolidated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
}

/// One unit's part of a consolidated plan (a district's or a department's draft).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct UnitShare {
    /// Stable id of the unit within the consolidation.
    pub id: ItemId,
    /// The unit's name, e.g. "Huyện Ba Bể" (its draft's name).
    pub name: String,
    /// Where its draft came from: a saved draft's id or a file's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub origin: String,
    /// The money unit the unit wrote its amounts in (they are kept converted to the plan's).
    #[serde(default)]
    pub unit: MoneyUnit,
    /// The unit's grand total, in the consolidated plan's unit.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "crate::model::DecimalString"))]
    pub total: Decimal,
    /// What the unit contributes to each consolidated line, by line id and year, in the plan's
    /// unit (leaf lines only).
    #[serde(default)]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "BTreeMap<String, BTreeMap<String, crate::model::DecimalString>>")
    )]
    pub amounts: BTreeMap<ItemId, BTreeMap<Year, Decimal>>,
    /// Which consolidated line each of the unit's lines went into, by the unit line's key
    /// ([`line_key`]), in the unit's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<LineLink>,
    /// The unit's funding by kind and consolidated phase, in the plan's unit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funding: Vec<FundingShare>,
    /// The consolidated targets the unit states values for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<ItemId>,
    /// The consolidated tasks that came from the unit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<ItemId>,
}

/// A unit's line and the consolidated line it went into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct LineLink {
    /// The unit line's key: its group's names and its own, folded ([`line_key`]).
    pub key: String,
    /// The consolidated line.
    pub line: ItemId,
}

/// What a unit's sources of one kind cover in one consolidated phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct FundingShare {
    /// The kind of money.
    pub kind: SourceKind,
    /// The name the unit gave the source.
    pub name: String,
    /// The consolidated phase, or none for the years outside every phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<ItemId>,
    /// The amount, in the plan's unit.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "crate::model::DecimalString"))]
    pub amount: Decimal,
}

/// A correction of the line matching made by the planner.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Correction {
    /// Keep this unit line on a line of its own.
    Apart {
        /// The unit, by name.
        unit: String,
        /// The unit line's key.
        key: String,
    },
    /// Put this unit line into the same consolidated line as another unit line.
    Join {
        /// The unit, by name.
        unit: String,
        /// The unit line's key.
        key: String,
        /// The other unit, by name.
        with_unit: String,
        /// The other unit line's key.
        with_key: String,
    },
}

/// The key that names a line across versions of a unit's draft: the folded names of its groups
/// and its own, joined by " / " ("tuyen truyen / hoi nghi").
pub fn line_key(path: &[&str]) -> String {
    path.iter().map(|n| fold_name(n)).collect::<Vec<_>>().join(" / ")
}

/// A name folded for matching: accents, case and spacing ignored ("Tuyên  truyền " → "tuyen truyen").
/// Combining marks (text in decomposed form) and trailing punctuation are dropped too.
pub fn fold_name(name: &str) -> String {
    let folded: String = crate::text::fold(name).chars().filter(|c| !('\u{300}'..='\u{36f}').contains(c)).collect();
    folded.trim_end_matches(['.', ':', ';', ',']).split_whitespace().collect::<Vec<_>>().join(" ")
}
