//! Funding sources (nguồn kinh phí) and how the total is shared between them.

use std::collections::BTreeMap;

use crate::locale::Text;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::ItemId;

/// What kind of money a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Ngân sách Trung ương.
    CentralBudget,
    /// Ngân sách tỉnh.
    ProvincialBudget,
    /// Ngân sách huyện.
    DistrictBudget,
    /// Ngân sách xã.
    CommuneBudget,
    /// Ngân sách địa phương without a level.
    LocalBudget,
    /// Xã hội hóa, huy động, tài trợ: contributions of organisations and people.
    Mobilised,
    /// Lồng ghép: money from other programmes the plan is merged with.
    Integrated,
    /// Anything else.
    #[default]
    Other,
}

impl SourceKind {
    /// Every kind, in the order offered to the planner.
    pub const ALL: [SourceKind; 8] = [
        Self::CentralBudget,
        Self::ProvincialBudget,
        Self::DistrictBudget,
        Self::CommuneBudget,
        Self::LocalBudget,
        Self::Mobilised,
        Self::Integrated,
        Self::Other,
    ];

    /// Stable code, as in files.
    pub fn code(self) -> &'static str {
        match self {
            Self::CentralBudget => "central_budget",
            Self::ProvincialBudget => "provincial_budget",
            Self::DistrictBudget => "district_budget",
            Self::CommuneBudget => "commune_budget",
            Self::LocalBudget => "local_budget",
            Self::Mobilised => "mobilised",
            Self::Integrated => "integrated",
            Self::Other => "other",
        }
    }

    /// Inverse of [`SourceKind::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// What it is called.
    pub fn name(self) -> Text {
        match self {
            Self::CentralBudget => Text::fixed("Ngân sách Trung ương", "Central budget"),
            Self::ProvincialBudget => Text::fixed("Ngân sách tỉnh", "Provincial budget"),
            Self::DistrictBudget => Text::fixed("Ngân sách huyện", "District budget"),
            Self::CommuneBudget => Text::fixed("Ngân sách xã", "Commune budget"),
            Self::LocalBudget => Text::fixed("Ngân sách địa phương", "Local budget"),
            Self::Mobilised => Text::fixed("Xã hội hóa, huy động", "Mobilised contributions"),
            Self::Integrated => Text::fixed("Lồng ghép chương trình khác", "Integrated from other programmes"),
            Self::Other => Text::fixed("Nguồn khác", "Other"),
        }
    }

    /// Guesses the kind from a source's name as written in a plan
    /// ("Ngân sách Trung ương", "NSĐP", "xã hội hóa" …).
    pub fn guess(name: &str) -> SourceKind {
        // Whole words only: "khuyến học" must not read as "huyện".
        let t: String = crate::text::fold(name).chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
        let t = format!(" {} ", t.split_whitespace().collect::<Vec<_>>().join(" "));
        let has = |k: &str| t.contains(&format!(" {k}"));
        if has("trung uong") || has("nstw") || t.contains("central") {
            Self::CentralBudget
        } else if has("ns tinh") || has("ngan sach tinh") || has("province") || has("provincial") {
            Self::ProvincialBudget
        } else if has("huyen") || has("district") {
            Self::DistrictBudget
        } else if has("ngan sach xa") || has("ns xa") || has("commune") {
            Self::CommuneBudget
        } else if has("dia phuong") || has("nsdp") || has("local") {
            Self::LocalBudget
        } else if has("xa hoi hoa") || has("huy dong") || has("tai tro") || has("mobilis") || has("donat") {
            Self::Mobilised
        } else if has("long ghep") || has("integrat") {
            Self::Integrated
        } else {
            Self::Other
        }
    }
}

/// How much of a total a source covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ShareRule {
    /// A share of the total in percent (40 means 40 %).
    Percent {
        /// The share in percent, e.g. "40".
        #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "crate::model::DecimalString"))]
        value: Decimal,
    },
    /// A fixed amount in the plan's unit.
    Amount {
        /// The amount, e.g. "500".
        #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "crate::model::DecimalString"))]
        value: Decimal,
    },
    /// Whatever the other sources leave.
    Remainder,
}

impl ShareRule {
    /// A percent share.
    pub fn percent(value: Decimal) -> Self {
        Self::Percent { value }
    }
}

impl Default for ShareRule {
    fn default() -> Self {
        Self::Percent { value: Decimal::ZERO }
    }
}

/// A funding source with its rule, optionally different per phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct FundingSource {
    /// Stable id.
    pub id: ItemId,
    /// Name, e.g. "Ngân sách Trung ương".
    pub name: String,
    /// Kind of money.
    #[serde(default)]
    pub kind: SourceKind,
    /// The rule for the whole plan.
    #[serde(default)]
    pub rule: ShareRule,
    /// Rules for particular phases, by phase id; other phases use `rule`.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::model::bounded::unique_keys"
    )]
    pub phase_rules: BTreeMap<ItemId, ShareRule>,
}

impl FundingSource {
    /// The rule that applies in the phase with id `phase`, or the plan-wide rule.
    pub fn rule_for(&self, phase: Option<ItemId>) -> ShareRule {
        phase.and_then(|p| self.phase_rules.get(&p).copied()).unwrap_or(self.rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_kinds_from_names() {
        assert_eq!(SourceKind::guess("Ngân sách Trung ương"), SourceKind::CentralBudget);
        assert_eq!(SourceKind::guess("NSTW (40%)"), SourceKind::CentralBudget);
        assert_eq!(SourceKind::guess("NSĐP"), SourceKind::LocalBudget);
        assert_eq!(SourceKind::guess("Ngân sách địa phương"), SourceKind::LocalBudget);
        assert_eq!(SourceKind::guess("Huy động xã hội hóa"), SourceKind::Mobilised);
        assert_eq!(SourceKind::guess("Lồng ghép các chương trình"), SourceKind::Integrated);
        assert_eq!(SourceKind::guess("Ngân sách huyện"), SourceKind::DistrictBudget);
        assert_eq!(SourceKind::guess("Quỹ khuyến học"), SourceKind::Other);
    }
}
