//! The entries of the line axis (rows when years are columns): budget lines with their names,
//! numbering, agency and notes; total and subtotal rows wherever their label is written; memo
//! rows ("Trong đó") that must not be added; and where the table ends.

use rust_decimal::Decimal;

use crate::io::import::grid::Cell;
use crate::io::import::labels;
use crate::model::SourceKind;

use super::amounts::is_numeric;
use super::fields::{Field, Role};
use super::numbering::{self, Numbering};
use super::tags::{self, TextRole, TotalWord};
use super::view::OrientedGrid;

/// What a line-axis entry is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum EntryRole {
    /// A budget line.
    Line,
    /// A total ("Tổng cộng") or, bare ("Cộng"), a subtotal of the lines since the last one.
    Total { bare: bool },
    /// A memo ("Trong đó: …") or one of its items: part of the line above, not added.
    Memo,
    /// A funding source's part ("NSTW (40%)" column; "- NSTW" row under the total).
    Share { kind: SourceKind, pct: Option<Decimal> },
    /// Percentages or comparisons.
    Compare,
    /// Notes ("Ghi chú").
    Notes,
    /// Numbering, notes or other text without money.
    Text,
    /// Marked "not money" by the planner.
    UserMarked,
}

/// One entry of the line axis.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub l: u32,
    pub role: EntryRole,
    /// The name (numbering split off), or the label.
    pub name: String,
    /// The numbering in the code column ("I", "2.6.1").
    pub numbering: Option<Numbering>,
    /// The numbering written at the start of the name ("1. Quốc lộ 1", "- BDTX").
    pub prefix: Option<Numbering>,
    /// The code column's text as written.
    pub code: String,
    pub agency: String,
    pub notes: String,
    /// Whether any money field holds a number in this entry.
    pub has_money: bool,
    /// How far the name is indented with leading spaces (a tab counts four), as written.
    pub indent: u16,
}

/// Which fields hold the lines' texts.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct TextFields {
    pub name: Option<u32>,
    pub code: Option<u32>,
    pub agency: Option<u32>,
    pub notes: Option<u32>,
}

/// Whether a field holds money (amounts, subtotals, totals, shares, unknown figures).
pub(super) fn is_money(role: &Role) -> bool {
    matches!(role, Role::Year { .. } | Role::Phase { .. } | Role::Total { .. } | Role::Share { .. } | Role::Unknown)
}

/// Chooses the text fields, years as columns: the names by header ("Nội dung", "Danh mục",
/// "Chỉ tiêu"…) or else the text column with the longest texts; numbering, agency and notes by
/// header. `body` is the line-axis range of the table.
pub(super) fn text_fields(
    view: OrientedGrid<'_>,
    fields: &[Field],
    body: std::ops::Range<u32>,
    chosen: Option<u32>,
) -> TextFields {
    let mut tf = TextFields { name: chosen.filter(|c| fields.iter().any(|f| f.y == *c)), ..TextFields::default() };
    let first_money = fields.iter().find(|f| is_money(&f.role)).map(|f| f.y);
    for f in fields {
        match f.role {
            Role::Text(TextRole::Code) if tf.code.is_none() => tf.code = Some(f.y),
            Role::Text(TextRole::Name) if tf.name.is_none() => tf.name = Some(f.y),
            Role::Text(TextRole::Agency) if tf.agency.is_none() => tf.agency = Some(f.y),
            Role::Text(TextRole::Notes) if tf.notes.is_none() => tf.notes = Some(f.y),
            _ => {}
        }
    }
    if tf.name.is_none() {
        // The text column with the most text, left of the money first.
        let mut best: Option<(u64, u32)> = None;
        for f in fields {
            let candidate = matches!(f.role, Role::Label | Role::Blank | Role::Text(TextRole::YearCaption));
            if !candidate {
                continue;
            }
            let mut chars = 0u64;
            for l in body.clone().take(3_000) {
                if let Cell::Text(t) = view.cell(f.y, l)
                    && !is_numeric(view.cell(f.y, l))
                {
                    chars += t.trim().chars().count() as u64;
                }
            }
            let left = first_money.is_none_or(|m| f.y < m);
            let score = chars * if left { 2 } else { 1 };
            if chars > 0 && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, f.y));
            }
        }
        tf.name = best.map(|(_, y)| y);
    }
    if tf.code.is_none()
        && let Some(n) = tf.name
    {
        // An unlabelled column of short codes just left of the names.
        tf.code = fields
            .iter()
            .rev()
            .filter(|f| f.y < n && n - f.y <= 2 && matches!(f.role, Role::Label | Role::Blank))
            .find(|f| {
                let mut codes = 0;
                let mut other = 0;
                for l in body.clone().take(500) {
                    match view.cell(f.y, l) {
                        Cell::Text(t) if numbering::of_code(t).is_some() => codes += 1,
                        Cell::Number(d) if d.fract().is_zero() && *d >= Decimal::ZERO && *d < Decimal::from(10_000) => {
                            codes += 1
                        }
                        Cell::Empty => {}
                        _ => other += 1,
                    }
                }
                codes > 0 && other <= codes / 4
            })
            .map(|f| f.y);
    }
    tf
}

fn text_of(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => labels::tidy(t),
        Cell::Number(d) => d.normalize().to_string(),
        _ => String::new(),
    }
}

/// The indentation of a text typed with leading spaces: spaces (also no-break and full-width
/// ones) count one, a tab four.
fn indent_of(text: &str) -> u16 {
    let mut n = 0u16;
    for c in text.chars() {
        match c {
            '\t' => n = n.saturating_add(4),
            c if c.is_whitespace() => n = n.saturating_add(1),
            _ => break,
        }
    }
    n
}

/// The entries of a years-as-columns table, from `start` to the table's end.
pub(super) fn rows(
    view: OrientedGrid<'_>,
    fields: &[Field],
    tf: &TextFields,
    start: u32,
    stop: u32,
    not_money: &[u32],
) -> (Vec<Entry>, Option<u32>) {
    let money: Vec<u32> = fields.iter().filter(|f| is_money(&f.role)).map(|f| f.y).collect();
    let texts: Vec<u32> = fields
        .iter()
        .filter(|f| matches!(f.role, Role::Text(_) | Role::Label | Role::Blank))
        .filter(|f| money.first().is_none_or(|m| f.y < *m) || Some(f.y) == tf.name)
        .map(|f| f.y)
        .collect();
    let mut out: Vec<Entry> = Vec::new();
    let mut blank_run = 0;
    let mut end = None;
    for l in start..stop {
        let all_blank = view.y_range().all(|y| view.cell(y, l).is_blank());
        if all_blank {
            blank_run += 1;
            if blank_run >= 3 && out.iter().any(|e| e.has_money) {
                end = Some(l);
                break;
            }
            continue;
        }
        blank_run = 0;
        // The row's texts as written (tidied only where kept).
        let row_texts: Vec<&str> =
            texts.iter().filter_map(|&y| view.cell(y, l).text()).map(str::trim).filter(|t| !t.is_empty()).collect();
        if row_texts.iter().any(|t| tags::ends_table(t)) && out.iter().any(|e| e.has_money) {
            end = Some(l);
            break;
        }
        let raw_name = tf.name.map(|y| text_of(view.cell(y, l))).unwrap_or_default();
        let code_text = tf.code.map(|y| text_of(view.cell(y, l))).unwrap_or_default();
        let (prefix, name) = numbering::split_name(&raw_name);
        let numbering = numbering::of_code(&code_text);
        let has_money = money.iter().any(|&y| is_numeric(view.cell(y, l)));
        // A total's label may stand in any text column ("TỔNG CỘNG" in the names or the code).
        let total = std::iter::once(raw_name.as_str()).chain(row_texts.iter().copied()).find_map(tags::total_of);
        let role = if not_money.contains(&l) {
            EntryRole::UserMarked
        } else if let Some(word) = total {
            EntryRole::Total { bare: word == TotalWord::Bare }
        } else if tags::is_memo(&raw_name) || (raw_name.is_empty() && row_texts.iter().any(|t| tags::is_memo(t))) {
            EntryRole::Memo
        } else if !has_money && name.is_empty() && code_text.is_empty() && row_texts.is_empty() {
            continue;
        } else if !has_money && name.is_empty() && !code_text.is_empty() && numbering.is_none() {
            EntryRole::Text
        } else {
            EntryRole::Line
        };
        let agency = tf.agency.map(|y| text_of(view.cell(y, l))).unwrap_or_default();
        let notes = tf.notes.map(|y| text_of(view.cell(y, l))).unwrap_or_default();
        let (name, code) = if name.is_empty() && !code_text.is_empty() && numbering.is_none() {
            (code_text, String::new())
        } else {
            (name, code_text)
        };
        let indent = tf.name.and_then(|y| view.cell(y, l).text()).map(indent_of).unwrap_or(0);
        out.push(Entry { l, role, name, numbering, prefix, code, agency, notes, has_money, indent });
    }
    // Text after the last figure is not part of the table (notes, signatures).
    if let Some(last) = out.iter().rposition(|e| e.has_money || matches!(e.role, EntryRole::Total { .. })) {
        out.truncate(last + 1);
    } else {
        out.clear();
    }
    (out, end)
}

/// The entries of a years-as-rows table: the columns after the year labels, named by the text
/// rows above the years (a band row such as "Nguồn vốn" over source columns makes them shares).
pub(super) fn columns(view: OrientedGrid<'_>, fields: &[Field], start: u32, not_money: &[u32]) -> Vec<Entry> {
    let first_year = fields.iter().position(|f| matches!(f.role, Role::Year { .. }));
    let text_rows: Vec<u32> = fields
        .iter()
        .take(first_year.unwrap_or(0))
        .filter(|f| !matches!(f.role, Role::Blank) && !is_money(&f.role) || matches!(f.role, Role::Label))
        .map(|f| f.y)
        .collect();
    let name_row = text_rows.last().copied();
    let money_rows: Vec<u32> = fields.iter().filter(|f| is_money(&f.role)).map(|f| f.y).collect();
    let mut out = Vec::new();
    let mut blank_run = 0;
    for l in start..view.l_range().end {
        let has_money = money_rows.iter().any(|&y| is_numeric(view.cell(y, l)));
        let name = name_row.map(|y| text_of(view.shown(y, l))).unwrap_or_default();
        let band: Vec<String> = text_rows
            .iter()
            .filter(|&&y| Some(y) != name_row)
            .map(|&y| text_of(view.shown(y, l)))
            .filter(|t| !t.is_empty())
            .collect();
        if !has_money && name.is_empty() {
            blank_run += 1;
            if blank_run >= 2 && out.iter().any(|e: &Entry| e.has_money) {
                break;
            }
            continue;
        }
        blank_run = 0;
        let tag = tags::tag(&name);
        let band_funding = band.iter().any(|b| {
            let t = tags::tag(b);
            t.lead_in || (t.source.is_some() && t.total.is_none())
        });
        let role = if not_money.contains(&l) {
            EntryRole::UserMarked
        } else if let Some(word) = tags::total_of(&name) {
            EntryRole::Total { bare: word == TotalWord::Bare }
        } else if tag.compare {
            EntryRole::Compare
        } else if let Some((kind, pct)) = tag.source.filter(|_| tag.total.is_none()) {
            EntryRole::Share { kind, pct }
        } else if band_funding && !name.is_empty() {
            EntryRole::Share { kind: SourceKind::guess(&name), pct: labels::percent_in(&name) }
        } else if tag.role == Some(TextRole::Notes) {
            EntryRole::Notes
        } else if matches!(tag.role, Some(TextRole::Code | TextRole::Agency | TextRole::Unit)) || !has_money {
            EntryRole::Text
        } else {
            EntryRole::Line
        };
        out.push(Entry {
            l,
            role,
            name,
            numbering: None,
            prefix: None,
            code: String::new(),
            agency: String::new(),
            notes: String::new(),
            has_money,
            indent: 0,
        });
    }
    // Columns of names without figures after the last figures are not lines (notes stay listed).
    if let Some(last) = out.iter().rposition(|e| e.has_money) {
        let mut k = 0;
        out.retain(|e| {
            k += 1;
            k <= last + 1 || e.role != EntryRole::Line
        });
    }
    out
}
