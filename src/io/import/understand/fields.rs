//! The header of a table and what each field (a column when years are columns) holds: a year's
//! amounts of some kind ("Dự toán năm 2025"), a part of them by funding source ("Năm 2021 /
//! NSTW"), a phase subtotal ("Giai đoạn 2021-2025", "Cộng GĐ 1"), a total, a share, a
//! percentage, or text (numbering, names, agencies, notes).
//!
//! A header may span several rows, with merged cells over the fields they group; each field's
//! header is the list of texts above it, top first, merged cells counted once.

use std::ops::Range;

use rust_decimal::Decimal;

use crate::io::import::grid::Cell;
use crate::io::import::labels::PhaseRef;
use crate::model::{MoneyUnit, SourceKind, Year};

use super::amounts::is_numeric;
use super::axis::YearAxis;
use super::tags::{self, FigureKind, Tag, TextRole, TotalWord};
use super::view::OrientedGrid;

/// What part of a year's (phase's, total's) money a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Part {
    /// All of it.
    Whole,
    /// The part from one funding source ("NSTW", "Vốn khác").
    Source { kind: SourceKind, name: String },
    /// A part the header names otherwise ("Số báo cáo").
    Other(String),
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Role {
    /// Text with a known role (numbering, names, agency, notes …).
    Text(TextRole),
    /// Text under a header that says nothing (names, perhaps).
    Label,
    /// Amounts of one year.
    Year { year: Year, kind: Option<FigureKind>, part: Part },
    /// A phase: its subtotal ("Cộng GĐ 1", "Giai đoạn 2021-2025" over figures) or, years as rows,
    /// a heading row ("Giai đoạn 1 (2012 - 2015)").
    Phase { pref: PhaseRef, part: Part, total_word: bool },
    /// A total ("Tổng số", "Tổng cộng", a bare "Cộng").
    Total { bare: bool, part: Part },
    /// A funding source's share of the total ("NSTW (40%)").
    Share { kind: SourceKind, pct: Option<Decimal> },
    /// Percentages, ratios, comparisons: not money.
    Compare,
    /// Figures under a header not understood.
    Unknown,
    /// Marked by the planner as not to be read.
    Skipped,
    /// Nothing at all.
    Blank,
}

/// One field of the table.
#[derive(Debug, Clone)]
pub(super) struct Field {
    /// Its year-axis index.
    pub y: u32,
    pub role: Role,
    /// Its header, the texts joined.
    pub label: String,
    /// A unit its header states ("Tổng (tỷ đồng)").
    pub unit: Option<MoneyUnit>,
    /// A phase named in the header above it (a band "Giai đoạn 1 (2012 - 2015)").
    pub band_phase: Option<(PhaseRef, String, u32)>,
}

/// The header of a table: the line-axis range it spans (the rows above the first line when
/// years are columns; the columns up to the years when years are rows) and a numbering row
/// ("1, 2, 3=1+2") if any.
#[derive(Debug, Clone)]
pub(super) struct Header {
    pub band: Range<u32>,
    pub number_row: Option<u32>,
}

/// Finds the header around the year labels.
pub(super) fn header(view: OrientedGrid<'_>, axis: &YearAxis) -> Header {
    if view.years_in_rows {
        return Header { band: view.l_range().start..axis.slot.saturating_add(1), number_row: None };
    }
    let spans = year_spans(view, axis);
    let mut top = axis.slot;
    while top > view.l_range().start && axis.slot - top < 3 && header_above(view, top, &spans) {
        top -= 1;
    }
    let mut bottom = axis.slot;
    let mut number_row = None;
    while bottom + 1 < view.l_range().end && bottom - axis.slot < 4 {
        let next = bottom + 1;
        if is_number_row(view, next) {
            number_row = Some(next);
            bottom = next;
            break;
        }
        if !sub_header(view, next, &spans) {
            break;
        }
        bottom = next;
    }
    Header { band: top..bottom + 1, number_row }
}

/// The year-axis spans of the year labels (a label merged over its sub-fields spans them).
fn year_spans(view: OrientedGrid<'_>, axis: &YearAxis) -> Vec<(u32, u32)> {
    axis.years.iter().map(|&(y, _)| view.merged_y_span(y, axis.slot).unwrap_or((y, y))).collect()
}

/// Whether the row above `l` belongs to the header: merged cells reaching into `l` over the
/// table, or several labels that are not the unit line.
fn header_above(view: OrientedGrid<'_>, l: u32, spans: &[(u32, u32)]) -> bool {
    let above = l - 1;
    let ys = view.y_range();
    if ys.clone().all(|y| view.cell(y, above).is_blank()) {
        return false;
    }
    let merged_down = ys.clone().any(|y| view.merged_l_span(y, above).is_some_and(|(_, last)| last >= l));
    let mut labels = 0;
    let mut numbers = 0;
    for y in ys.clone() {
        match view.cell(y, above) {
            Cell::Text(t) if !t.trim().is_empty() && tags::unit_in(t).is_none() => labels += 1,
            c if is_numeric(c) => numbers += 1,
            _ => {}
        }
    }
    // A title spans the table in one merged cell; a header row names the fields above the years.
    let over_years = spans.iter().any(|&(a, b)| (a..=b).any(|y| !view.shown(y, above).is_blank()));
    numbers == 0 && (merged_down || labels >= 2) && over_years && !is_title_row(view, above)
}

/// A row holding one text across the whole table: a title.
fn is_title_row(view: OrientedGrid<'_>, l: u32) -> bool {
    let texts: Vec<u32> = view.y_range().filter(|&y| !view.cell(y, l).is_blank()).collect();
    match texts.as_slice() {
        [y] => view.merged_y_span(*y, l).is_some_and(|(a, b)| b - a + 1 >= view.y_range().len() as u32 / 2),
        _ => false,
    }
}

/// Whether row `l` below the year labels is a sub-header: text under the years, no numbers.
fn sub_header(view: OrientedGrid<'_>, l: u32, spans: &[(u32, u32)]) -> bool {
    let mut texts = 0;
    for &(a, b) in spans {
        for y in a..=b {
            let c = view.cell(y, l);
            if is_numeric(c) || matches!(c, Cell::Bool(_)) {
                return false;
            }
            if matches!(c, Cell::Text(t) if !t.trim().is_empty()) {
                texts += 1;
            }
        }
    }
    texts > 0
}

/// A row numbering the columns: "A, B, 1, 2, 3=1+2, (4)": short codes only, at least three, its
/// whole numbers counting up one by one from a small start.
pub(super) fn is_number_row(view: OrientedGrid<'_>, l: u32) -> bool {
    let mut n = 0;
    let mut numbers: Vec<i64> = Vec::new();
    for y in view.y_range() {
        let text = match view.cell(y, l) {
            Cell::Empty => continue,
            Cell::Number(d) => {
                if !d.fract().is_zero() {
                    return false;
                }
                d.to_string()
            }
            Cell::Text(t) => t.trim().to_string(),
            _ => return false,
        };
        if text.is_empty() {
            continue;
        }
        let short = text.chars().count() <= 8
            && text.chars().all(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '=' | '+' | '-' | '*' | '/' | '(' | ')' | '.' | ' ' | ',')
            });
        if !short {
            return false;
        }
        let digits = text.trim_matches(|c| c == '(' || c == ')');
        if let Ok(v) = digits.parse::<i64>() {
            numbers.push(v);
        } else if text.chars().filter(|c| c.is_ascii_alphabetic()).count() > 1 && !text.contains('=') {
            return false;
        }
        n += 1;
    }
    let counts_up = numbers.first().is_some_and(|&f| (0..=3).contains(&f))
        && numbers.windows(2).all(|w| matches!(w, [a, b] if b > a && b - a <= 2));
    n >= 3 && numbers.len() >= 2 && counts_up
}

/// Years as rows: the first row of the table, the header row naming the lines (found walking up
/// from the first year over totals, subtotals, phase headings and blank rows), or the band row
/// above it.
pub(super) fn rows_top(view: OrientedGrid<'_>, axis: &YearAxis) -> u32 {
    let first = axis.years.first().map(|y| y.0).unwrap_or(0);
    let start = view.y_range().start;
    let mut y = first;
    let mut name_row = None;
    while y > start {
        y -= 1;
        let blank = view.l_range().all(|l| view.cell(y, l).is_blank());
        if blank {
            continue;
        }
        let label = (view.l_range().start..=axis.slot).rev().find_map(|l| tags::tag_cell(view.cell(y, l)));
        let skippable = label.as_ref().is_some_and(|t| {
            t.total.is_some() || (t.phase.is_some() && t.role.is_none()) || t.compare || t.source.is_some()
        });
        if skippable {
            continue;
        }
        name_row = Some(y);
        break;
    }
    let Some(n) = name_row else { return first };
    // A second header row above: merged cells reaching into the name row, or several labels.
    if n > start {
        let above = n - 1;
        let merged_down = view.l_range().any(|l| view.merged_y_span(above, l).is_some_and(|(_, last)| last >= n));
        let labels = view
            .l_range()
            .filter(
                |&l| matches!(view.cell(above, l), Cell::Text(t) if !t.trim().is_empty() && tags::unit_in(t).is_none()),
            )
            .count();
        if merged_down || labels >= 2 {
            return above;
        }
    }
    n
}

/// Reads every field's header, over the year-axis range `ys`.
pub(super) fn fields(view: OrientedGrid<'_>, axis: &YearAxis, header: &Header, ys: Range<u32>) -> Vec<Field> {
    let band: Vec<u32> = header.band.clone().filter(|l| Some(*l) != header.number_row).collect();
    let mut out = Vec::new();
    for y in ys {
        let mut path: Vec<Tag> = Vec::new();
        let mut band_phase = None;
        for (k, &l) in band.iter().enumerate() {
            let lowest = k + 1 == band.len();
            let Some(cell) = band_cell(view, y, l, lowest, &band) else { continue };
            // A merged cell counts once, at its first band entry.
            if let Some((first, _)) = view.merged_l_span(y, l)
                && first < l
                && band.contains(&first)
            {
                continue;
            }
            let Some(tag) = tags::tag_cell(cell) else { continue };
            if !lowest
                && tag.year.is_none()
                && tag.total.is_none()
                && let Some(pref) = tag.phase.clone()
            {
                band_phase = Some((pref, tag.text.clone(), l));
            }
            path.push(tag);
        }
        // Years as rows: the year label sits in the slot; a band column before it may name the
        // phase ("Giai đoạn 1" merged over its years).
        let role = role_of(&path, view.years_in_rows && y_is_year(axis, y));
        let label = path.iter().map(|t| t.text.as_str()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" / ");
        let unit = path.iter().rev().find_map(|t| t.unit).filter(|_| !matches!(role, Role::Text(_) | Role::Label));
        out.push(Field { y, role, label, unit, band_phase });
    }
    out
}

fn y_is_year(axis: &YearAxis, y: u32) -> bool {
    axis.years.iter().any(|&(yy, _)| yy == y)
}

/// The header cell of field `y` in band entry `l`: its own or its merged region's text; a blank
/// band cell above the lowest header row takes the band label written to its left, as long as
/// the fields in between have labels below it (a band written once over sub-fields, unmerged).
fn band_cell<'g>(view: OrientedGrid<'g>, y: u32, l: u32, lowest: bool, band: &[u32]) -> Option<&'g Cell> {
    let own = view.shown(y, l);
    if !own.is_blank() {
        return Some(own);
    }
    if lowest || view.merge(y, l).is_some() {
        return None;
    }
    let below = |yy: u32| band.iter().filter(|&&b| b > l).any(|&b| !view.shown(yy, b).is_blank());
    if !below(y) {
        return None;
    }
    let start = view.y_range().start;
    let mut yy = y;
    for _ in 0..12 {
        if yy <= start {
            return None;
        }
        yy -= 1;
        if !below(yy) {
            return None;
        }
        let c = view.shown(yy, l);
        if c.is_blank() {
            continue;
        }
        let t = tags::tag_cell(c)?;
        let band_label = t.year.is_some() || t.phase.is_some() || t.source.is_some() || t.lead_in || t.kind.is_some();
        return band_label.then_some(c);
    }
    None
}

/// What a header path (top first) says the field holds.
fn role_of(path: &[Tag], year_row: bool) -> Role {
    if path.is_empty() {
        return Role::Blank;
    }
    let years: Vec<Year> = path.iter().filter_map(|t| t.year).collect();
    let year = years.first().copied().filter(|y| years.iter().all(|o| o == y));
    let kind = path.iter().find_map(|t| t.kind);
    if path.iter().any(|t| t.compare) {
        return Role::Compare;
    }
    if path.iter().any(|t| t.several_years) && year.is_none() {
        return Role::Unknown;
    }
    if let Some(year) = year {
        let part = part_of(path.iter().filter(|t| t.year.is_none()));
        return Role::Year { year, kind, part };
    }
    if years.len() > 1 {
        return Role::Unknown;
    }
    if let Some(i) = path.iter().rposition(|t| t.phase.is_some()) {
        let t = path.get(i);
        let pref = t.and_then(|t| t.phase.clone()).unwrap_or_default();
        let total_word = t.is_some_and(|t| t.total.is_some());
        let part = part_of(path.iter().skip(i + 1));
        return Role::Phase { pref, part, total_word };
    }
    if let Some(i) = path.iter().position(|t| t.total.is_some()) {
        let bare = path.get(i).is_some_and(|t| t.total == Some(TotalWord::Bare));
        return Role::Total { bare, part: part_of(path.iter().skip(i + 1)) };
    }
    if let Some((kind, pct)) = path.iter().rev().filter(|t| !t.other).find_map(|t| t.source) {
        return Role::Share { kind, pct };
    }
    if let Some(role) = path.iter().rev().find_map(|t| t.role) {
        return Role::Text(role);
    }
    let _ = year_row;
    Role::Label
}

/// The part named by the header texts beside the year (phase, total) text.
fn part_of<'t>(rest: impl DoubleEndedIterator<Item = &'t Tag>) -> Part {
    let rest: Vec<&Tag> = rest.collect();
    if let Some(t) = rest.iter().rev().find(|t| t.source.is_some() && t.total.is_none()) {
        let kind = t.source.map(|s| s.0).unwrap_or_default();
        return Part::Source { kind, name: t.text.clone() };
    }
    if rest.iter().any(|t| t.total.is_some()) {
        return Part::Whole;
    }
    match rest.iter().rev().find(|t| t.other && t.kind.is_none() && !t.lead_in) {
        Some(t) => Part::Other(t.text.clone()),
        None => Part::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::YearRange;

    fn role(texts: &[&str]) -> Role {
        let path: Vec<Tag> = texts.iter().map(|t| tags::tag(t)).collect();
        role_of(&path, false)
    }

    #[test]
    fn combines_header_texts() {
        assert_eq!(role(&["Năm 2021", "Tổng số"]), Role::Year { year: 2021, kind: None, part: Part::Whole });
        assert_eq!(
            role(&["Năm 2021", "NSTW"]),
            Role::Year {
                year: 2021,
                kind: None,
                part: Part::Source { kind: SourceKind::CentralBudget, name: "NSTW".into() }
            }
        );
        assert_eq!(
            role(&["Năm 2024", "Dự toán"]),
            Role::Year { year: 2024, kind: Some(FigureKind::Estimate), part: Part::Whole }
        );
        assert_eq!(
            role(&["Thực hiện", "2023"]),
            Role::Year { year: 2023, kind: Some(FigureKind::Actual), part: Part::Whole }
        );
        assert_eq!(
            role(&["Giai đoạn 1 (2012 - 2015)", "Năm 2013"]),
            Role::Year { year: 2013, kind: None, part: Part::Whole }
        );
        assert!(matches!(
            role(&["Kế hoạch giai đoạn 2021-2025", "Tổng số"]),
            Role::Phase { pref: PhaseRef { years: Some(y), .. }, part: Part::Whole, .. } if y == YearRange::new(2021, 2025)
        ));
        assert!(matches!(role(&["Giai đoạn 1 (2012 - 2015)", "Cộng GĐ 1"]), Role::Phase { total_word: true, .. }));
        assert_eq!(role(&["Tổng số"]), Role::Total { bare: false, part: Part::Whole });
        assert_eq!(role(&["So sánh (%)"]), Role::Compare);
        assert_eq!(
            role(&["NSTW (40%)"]),
            Role::Share { kind: SourceKind::CentralBudget, pct: Some(Decimal::from(40)) }
        );
        assert_eq!(role(&["STT"]), Role::Text(TextRole::Code));
        assert_eq!(role(&["Tuyên truyền"]), Role::Label);
        assert_eq!(role(&["Số báo cáo"]), Role::Label);
    }
}
