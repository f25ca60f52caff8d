//! Target indicators (mục tiêu, chỉ tiêu) with milestone values.

use crate::locale::{Lang, Text};
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{ItemId, Year};

/// What a target's values count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "type", content = "name", rename_all = "snake_case")]
pub enum TargetUnit {
    /// A percentage, 0–100.
    #[default]
    Percent,
    /// A count (units, communes, families …).
    Count,
    /// A count of a named unit, e.g. "gia đình".
    Named(String),
}

impl TargetUnit {
    /// Short label for display.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            Self::Percent => "%".into(),
            Self::Count => Text::fixed("số lượng", "count").into_string(lang),
            Self::Named(n) => n.clone(),
        }
    }
}

/// How a milestone value is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// "trên": more than.
    MoreThan,
    /// "đạt … trở lên", "ít nhất": at least.
    #[default]
    AtLeast,
    /// exactly.
    Exactly,
    /// "không quá", "dưới": at most.
    AtMost,
}

impl Comparison {
    /// Every comparison in display order.
    pub const ALL: [Comparison; 4] = [Self::MoreThan, Self::AtLeast, Self::Exactly, Self::AtMost];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::MoreThan => "more_than",
            Self::AtLeast => "at_least",
            Self::Exactly => "exactly",
            Self::AtMost => "at_most",
        }
    }

    /// Inverse of [`Comparison::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Symbol shown before a value: ">", "≥", "=", "≤".
    pub fn symbol(self) -> &'static str {
        match self {
            Self::MoreThan => ">",
            Self::AtLeast => "≥",
            Self::Exactly => "=",
            Self::AtMost => "≤",
        }
    }

    /// What it is called.
    pub fn name(self) -> Text {
        match self {
            Self::MoreThan => Text::fixed("trên", "more than"),
            Self::AtLeast => Text::fixed("ít nhất", "at least"),
            Self::Exactly => Text::fixed("đúng", "exactly"),
            Self::AtMost => Text::fixed("không quá", "at most"),
        }
    }

    /// Whether a target with this comparison is meant to rise over time.
    pub fn rising(self) -> bool {
        matches!(self, Self::MoreThan | Self::AtLeast)
    }
}

/// A baseline value a target starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Baseline {
    /// Year of the baseline.
    pub year: Year,
    /// Value in the target's unit.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "crate::model::DecimalString"))]
    pub value: Decimal,
}

/// Values for a sub-group, e.g. "xã đặc biệt khó khăn" (especially disadvantaged communes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct TargetVariant {
    /// Name of the sub-group.
    pub name: String,
    /// Milestone values by year.
    #[serde(default, deserialize_with = "crate::model::bounded::unique_keys")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "BTreeMap<String, crate::model::DecimalString>"))]
    pub milestones: BTreeMap<Year, Decimal>,
}

/// A target indicator with milestone values by year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Target {
    /// Stable id.
    pub id: ItemId,
    /// Area, e.g. "Xóa mù chữ".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub group: String,
    /// The indicator, e.g. "Người trong độ tuổi 15–60 biết chữ".
    pub name: String,
    /// Unit of the values.
    #[serde(default)]
    pub unit: TargetUnit,
    /// How values are to be read.
    #[serde(default)]
    pub comparison: Comparison,
    /// Where the indicator starts from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// Milestone values by year.
    #[serde(default, deserialize_with = "crate::model::bounded::unique_keys")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "BTreeMap<String, crate::model::DecimalString>"))]
    pub milestones: BTreeMap<Year, Decimal>,
    /// Sub-group variants with their own milestones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<TargetVariant>,
    /// Lead agency (chủ trì).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub agency: String,
    /// Coordinating agencies (phối hợp).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<String>,
    /// Notes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}
