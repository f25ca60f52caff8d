//! Funding sources a table states: parts of each year by source ("Năm 2021 / NSTW"), share
//! columns ("NSTW (40%)"), and, failing those, a note on the same sheet ("Trong đó NSTW 40%,
//! NSĐP 60%").

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::io::import::grid::{Cell, SheetGrid};
use crate::io::import::labels;
use crate::io::import::result::Found;
use crate::model::MoneyUnit;
use crate::model::{FundingSource, Phase, ShareRule, SourceKind, Year};

/// A source's amounts by year, summed over the table's lines.
#[derive(Debug, Clone)]
pub(super) struct PartSums {
    pub kind: SourceKind,
    pub name: String,
    pub by_year: BTreeMap<Year, Decimal>,
}

/// Sources with the amounts the table gives them: the whole as a fixed amount, and each phase's
/// part as that phase's fixed amount.
pub(super) fn from_parts(parts: &[PartSums], phases: &[Phase]) -> Vec<FundingSource> {
    let mut out: Vec<FundingSource> = Vec::new();
    for p in parts {
        let total: Decimal = p.by_year.values().fold(Decimal::ZERO, |a, v| a.saturating_add(*v));
        let mut phase_rules = BTreeMap::new();
        for phase in phases {
            let in_phase: Decimal = p
                .by_year
                .range(phase.years.first..=phase.years.last)
                .fold(Decimal::ZERO, |a, (_, v)| a.saturating_add(*v));
            phase_rules.insert(phase.id, ShareRule::Amount { value: in_phase.normalize() });
        }
        out.push(FundingSource {
            name: display_name(&p.name, p.kind),
            kind: p.kind,
            rule: ShareRule::Amount { value: total.normalize() },
            phase_rules,
            ..FundingSource::default()
        });
    }
    out
}

/// A share column's or row's source, with its percent or, when none is written, the percent its
/// figures make of the total.
pub(super) fn from_share(
    name: &str,
    kind: SourceKind,
    pct: Option<Decimal>,
    figures: Decimal,
    grand: Decimal,
) -> Option<FundingSource> {
    if kind == SourceKind::Other {
        return None;
    }
    let pct = pct.or_else(|| {
        (grand > Decimal::ZERO && figures > Decimal::ZERO)
            .then(|| figures.checked_mul(Decimal::ONE_HUNDRED).and_then(|f| f.checked_div(grand)))
            .flatten()
            .map(|p| p.round_dp(2).normalize())
    })?;
    Some(FundingSource {
        name: display_name(&strip_percent(name), kind),
        kind,
        rule: ShareRule::percent(pct),
        ..FundingSource::default()
    })
}

/// "NSTW", "NSĐP": abbreviations read better spelt out; "Vốn khác" stays as written.
fn display_name(name: &str, kind: SourceKind) -> String {
    let clean = strip_percent(name);
    let abbreviation = !clean.contains(' ') && clean.chars().count() <= 6;
    if clean.is_empty() || (abbreviation && kind != SourceKind::Other) {
        kind.name().get(crate::locale::Lang::Vi).to_string()
    } else {
        crate::text::clip(&clean, crate::io::import::limits::MAX_SOURCE_NAME_CHARS)
    }
}

/// A source's name without its percentage: "NSTW (40%)" → "NSTW".
fn strip_percent(name: &str) -> String {
    let cut = name.find(|c: char| c == '(' || c.is_ascii_digit()).unwrap_or(name.len());
    let head = name.get(..cut).unwrap_or(name);
    let head = head.trim_start_matches(['-', '+', '*', ' ']);
    labels::tidy(head.trim_end_matches([' ', ':', '-', '–']))
}

/// The amounts a funding note states beside its shares ("ngân sách Trung ương đảm bảo 40% tổng
/// kinh phí: 2,16 tỷ đồng; ngân sách địa phương 60%: 3,24 tỷ đồng"), by kind: the first number
/// after the share that a unit follows (tỷ, triệu, nghìn đồng), read the Vietnamese way.
pub(crate) fn stated_amounts(text: &str) -> Vec<(SourceKind, Decimal, MoneyUnit)> {
    let mut out: Vec<(SourceKind, Decimal, MoneyUnit)> = Vec::new();
    for piece in text.split([';', '\n']) {
        let Some(pos) = piece.find('%') else { continue };
        let kind = SourceKind::guess(piece.get(..pos).unwrap_or_default());
        if kind == SourceKind::Other || out.iter().any(|(k, _, _)| *k == kind) {
            continue;
        }
        let words: Vec<&str> = piece.get(pos + 1..).unwrap_or_default().split_whitespace().collect();
        for (i, word) in words.iter().enumerate() {
            let number = word.trim_matches(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'));
            if !number.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let after = crate::text::fold(&words.get(i + 1..).unwrap_or_default().join(" "));
            let unit = if after.starts_with("ty") {
                MoneyUnit::Billion
            } else if after.starts_with("trieu") {
                MoneyUnit::Million
            } else if after.starts_with("nghin") || after.starts_with("ngan") {
                MoneyUnit::Thousand
            } else if after.starts_with("dong") || after.starts_with("vnd") {
                MoneyUnit::Dong
            } else {
                continue;
            };
            if let Ok(value) = crate::locale::parse_number(number, crate::locale::Lang::Vi) {
                out.push((kind, value, unit));
            }
            break;
        }
    }
    out
}

/// The first text cell of the sheet stating funding shares ("Trong đó NSTW 40%, NSĐP 60%").
pub(super) fn note(grid: &SheetGrid) -> Option<(Found<String>, Vec<FundingSource>)> {
    for r in grid.first_row()..grid.end_row() {
        for c in grid.first_col()..grid.end_col() {
            let Cell::Text(t) = grid.get(r, c) else { continue };
            if !t.contains('%') {
                continue;
            }
            let found = labels::funding_in_text(t);
            if found.is_empty() {
                continue;
            }
            let sources = found
                .into_iter()
                .map(|(kind, name, pct)| FundingSource {
                    name,
                    kind,
                    rule: ShareRule::percent(pct),
                    ..FundingSource::default()
                })
                .collect();
            return Some((Found { value: labels::tidy(t), row: r, col: c }, sources));
        }
    }
    None
}
