//! The title above a table and the unit its amounts are written in: a unit line anywhere in the
//! header block ("Đơn vị tính: Triệu đồng", "ĐVT: đồng"), a unit in the field headers
//! ("(triệu đồng)"), or, when none is written, a guess from the amounts that the planner must
//! confirm.

use rust_decimal::Decimal;

use crate::io::import::grid::{Cell, SheetGrid};
use crate::io::import::labels;
use crate::io::import::numbers::order_of;
use crate::io::import::result::Found;
use crate::model::MoneyUnit;
use crate::text::fold;

use super::tags;

/// The text rows above the table: the title, joined, and the issuing body when a row names one
/// ("UBND tỉnh Bắc Kạn", "Sở Giáo dục và Đào tạo"). Unit lines, notes, funding notes and the
/// national motto ("Cộng hòa xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc") are left
/// out.
pub(crate) fn find_title(grid: &SheetGrid, top: u32) -> Option<Found<String>> {
    title_and_issuer(grid, top).0
}

/// [`find_title`] with the issuing body apart.
pub(crate) fn title_and_issuer(grid: &SheetGrid, top: u32) -> (Option<Found<String>>, Option<String>) {
    let mut parts: Vec<String> = Vec::new();
    let mut at = None;
    let mut issuer: Option<String> = None;
    for r in grid.first_row()..top.min(grid.end_row()) {
        let mut row_text: Vec<String> = Vec::new();
        for c in grid.first_col()..grid.end_col() {
            let Cell::Text(t) = grid.get(r, c) else { continue };
            let folded = fold(t);
            if t.trim().is_empty()
                || tags::unit_in(t).is_some()
                || folded.starts_with("ghi chu")
                || !labels::funding_in_text(t).is_empty()
                || is_motto(&folded)
            {
                continue;
            }
            if issuer.is_none() && names_issuer(&folded) {
                issuer = Some(crate::text::clip(&labels::tidy(t), crate::io::import::limits::MAX_ISSUER_CHARS));
                continue;
            }
            if at.is_none() {
                at = Some((r, c));
            }
            row_text.push(labels::tidy(t));
        }
        if !row_text.is_empty() {
            parts.push(row_text.join(" "));
        }
        if parts.len() >= 4 {
            break;
        }
    }
    let title = at.map(|(row, col)| Found {
        value: crate::text::clip(&parts.join(" "), crate::io::import::limits::MAX_TITLE_CHARS),
        row,
        col,
    });
    (title, issuer)
}

/// "Cộng hòa xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc", a document number.
fn is_motto(folded: &str) -> bool {
    folded.starts_with("cong hoa xa hoi chu nghia")
        || folded.starts_with("doc lap")
        || (folded.starts_with("so:") || folded.starts_with("so :")) && folded.len() < 40
}

/// A row naming an issuing body: "UBND tỉnh …", "Ủy ban nhân dân …", "Sở …", "Bộ …", "Hội …".
fn names_issuer(folded: &str) -> bool {
    const BODIES: [&str; 12] = [
        "ubnd ",
        "uy ban nhan dan",
        "so giao duc",
        "so tai chinh",
        "so ke hoach",
        "so lao dong",
        "so van hoa",
        "hoi khuyen hoc",
        "bo giao duc",
        "bo tai chinh",
        "tinh uy",
        "hdnd ",
    ];
    folded.len() < 120 && BODIES.iter().any(|b| folded.starts_with(b))
}

/// A unit line: "Đơn vị tính: …", "ĐVT: …", "Đơn vị: đồng", or a cell holding only a unit
/// ("(Triệu đồng)"), looked for above the table and in its header first, then in the rows just
/// below the header, then anywhere in the first rows of the sheet.
pub(crate) fn find_unit_line(grid: &SheetGrid, top: u32, body: u32) -> Option<Found<MoneyUnit>> {
    let look = |r: u32| -> Option<Found<MoneyUnit>> {
        for c in grid.first_col()..grid.end_col() {
            if let Cell::Text(t) = grid.get(r, c)
                && t.chars().count() <= 120
                && is_unit_line(t)
                && let Some(u) = tags::unit_in(t)
            {
                return Some(Found { value: u, row: r, col: c });
            }
        }
        None
    };
    let header_block = grid.first_row()..body.min(grid.end_row());
    let rest = body..grid.end_row().min(body.saturating_add(30).max(top.saturating_add(60)));
    header_block.chain(rest).find_map(look)
}

/// Whether a text is a unit line rather than a header naming a unit ("Tổng (tỷ đồng)" is a
/// field's unit, read with the field).
fn is_unit_line(text: &str) -> bool {
    let folded = fold(text);
    let f = folded.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ' ' | ':' | '*'));
    ["don vi tinh", "dvt", "d.v.t", "don vi:", "don vi :", "unit:"].iter().any(|k| f.starts_with(k))
        || tags::unit_in(f).is_some_and(|_| f.split_whitespace().count() <= 3 && !f.contains('('))
        || (folded.starts_with('(') && folded.ends_with(')') && tags::unit_in(&folded).is_some() && folded.len() < 30)
}

/// A guess of the unit from the amounts, when none is written: whole numbers in the millions
/// suggest đồng, in the hundreds of thousands nghìn đồng, otherwise triệu đồng.
pub(crate) fn guess(values: impl Iterator<Item = Decimal>) -> MoneyUnit {
    let mut orders: Vec<i32> = Vec::new();
    let mut whole = 0usize;
    for v in values.take(20_000) {
        if let Some(o) = order_of(v) {
            orders.push(o);
            if v.fract().is_zero() {
                whole += 1;
            }
        }
    }
    if orders.is_empty() {
        return MoneyUnit::Million;
    }
    orders.sort_unstable();
    let median = orders.get(orders.len() / 2).copied().unwrap_or(0);
    let mostly_whole = whole * 10 >= orders.len() * 9;
    match median {
        m if m >= 7 && mostly_whole => MoneyUnit::Dong,
        m if m >= 5 && mostly_whole => MoneyUnit::Thousand,
        _ => MoneyUnit::Million,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn guesses_dong_from_millions() {
        let v = [dec!(45000000), dec!(120000000), dec!(3500000)];
        assert_eq!(guess(v.into_iter()), MoneyUnit::Dong);
        let v = [dec!(70), dec!(400), dec!(1095)];
        assert_eq!(guess(v.into_iter()), MoneyUnit::Million);
    }

    #[test]
    fn unit_lines_are_told_from_headers() {
        assert!(is_unit_line("Đơn vị tính: Triệu đồng"));
        assert!(is_unit_line("ĐVT: đồng"));
        assert!(is_unit_line("(Đơn vị: Triệu đồng)"));
        assert!(is_unit_line("Triệu đồng"));
        assert!(!is_unit_line("Tổng (tỷ đồng)"));
        assert!(!is_unit_line("Hoạt động"));
    }
}
