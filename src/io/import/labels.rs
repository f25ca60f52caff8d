//! Recognising the labels of a budget table: years, totals, phases, and the headers of columns
//! that are not money. Matching is accent- and case-insensitive ([`crate::text::fold`]).

use rust_decimal::Decimal;

use super::grid::Cell;
use crate::locale::{Lang, parse_percent};
use crate::model::limits::LABEL_YEARS;
use crate::model::{SourceKind, Year, YearRange};
use crate::text::fold;

/// A reference to a phase in a label: "GĐ 1", "Giai đoạn 2012 - 2015", "Giai đoạn II".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct PhaseRef {
    /// Its number, if written ("1", "II").
    pub number: Option<u32>,
    /// Its years, if written.
    pub years: Option<YearRange>,
}

impl PhaseRef {
    /// The name a phase gets in the plan: "Giai đoạn 1", or "Giai đoạn 2012–2015".
    pub fn name(&self, fallback: &str) -> String {
        match (self.number, self.years) {
            (Some(n), _) => format!("Giai đoạn {n}"),
            (None, Some(y)) => format!("Giai đoạn {}–{}", y.first, y.last),
            (None, None) => crate::text::clip(fallback.trim(), 80),
        }
    }
}

/// What a total label says: the whole ("Tổng số"), a bare "Cộng" (a subtotal or the whole, by
/// position), or a phase's subtotal ("Cộng GĐ 1").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TotalLabel {
    Grand,
    Bare,
    Phase(PhaseRef),
}

/// Words of folded text: letters and digits only.
fn words(folded: &str) -> Vec<&str> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

/// Collapses white space (also line breaks inside a cell) into single spaces.
pub(crate) fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The year a cell labels, if any: a whole number in [`LABEL_YEARS`], or text such as "2013",
/// "Năm 2013", "Năm\n2013", "2014 (dự kiến)".
pub(crate) fn year_of(cell: &Cell) -> Option<Year> {
    match cell {
        Cell::Number(d) => {
            // Most numbers are amounts: a whole number's mantissa rejects them at once.
            let y = if d.scale() == 0 {
                d.mantissa()
            } else if d.fract().is_zero() {
                rust_decimal::prelude::ToPrimitive::to_i128(&d.trunc())?
            } else {
                return None;
            };
            let y = Year::try_from(y).ok()?;
            LABEL_YEARS.contains(&y).then_some(y)
        }
        // A year typed into a date-formatted cell (2013 shows as 05/07/1905) stays 2013; a date
        // names its year when it is the year's first day (01/01/2013 over a column of 2013).
        Cell::Date(d) if !d.duration => {
            let typed = year_of(&Cell::Number(d.serial));
            let first_day =
                (d.month == 1 && d.day == 1).then(|| Year::from(d.year)).filter(|y| LABEL_YEARS.contains(y));
            typed.or(first_day)
        }
        // A year label holds four digits in a row; most labels do not, and need no folding.
        Cell::Text(t) if t.len() <= 40 && t.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit)) => {
            year_in_label(&fold(t))
        }
        _ => None,
    }
}

fn year_in_label(folded: &str) -> Option<Year> {
    const FILLER: [&str; 13] =
        ["nam", "year", "fy", "du", "kien", "uoc", "th", "kh", "ke", "hoach", "thuc", "hien", "dk"];
    let w = words(folded);
    let mut year = None;
    for word in &w {
        if let Some(y) = four_digit_year(word) {
            if year.is_some() {
                return None;
            }
            year = Some(y);
        } else if !FILLER.contains(word) {
            return None;
        }
    }
    year
}

fn four_digit_year(word: &str) -> Option<Year> {
    if word.len() != 4 || !word.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|y| LABEL_YEARS.contains(y))
}

/// Every four-digit year written in the text, in order.
pub(crate) fn years_in(folded: &str) -> Vec<Year> {
    words(folded).iter().filter_map(|w| four_digit_year(w)).collect()
}

pub(crate) fn roman(word: &str) -> Option<u32> {
    const ROMAN: [&str; 10] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    ROMAN.iter().position(|r| *r == word).map(|p| p as u32 + 1)
}

/// Reads the phase number and years that follow a phase word.
pub(crate) fn phase_ref(w: &[&str]) -> PhaseRef {
    let years = years_in(&w.join(" "));
    let range = match years.as_slice() {
        [a, .., b] if a <= b => Some(YearRange::new(*a, *b)),
        [a] => Some(YearRange::new(*a, *a)),
        _ => None,
    };
    let mut number = None;
    for (i, word) in w.iter().enumerate() {
        let after_phase_word = i > 0 && matches!(w.get(i - 1), Some(&"gd") | Some(&"doan") | Some(&"phase"));
        if after_phase_word {
            number = word.parse::<u32>().ok().filter(|n| (1..=20).contains(n)).or_else(|| roman(word));
            if number.is_some() {
                break;
            }
        }
    }
    PhaseRef { number, years: range }
}

fn mentions_phase(w: &[&str]) -> bool {
    w.iter().any(|x| matches!(*x, "gd" | "phase" | "stage")) || w.windows(2).any(|p| p == ["giai", "doan"])
}

/// Classifies a total label, or `None` when it is not one ("Tổng kết" and "Cộng đồng" are lines).
pub(crate) fn total_label(w: &[&str]) -> Option<TotalLabel> {
    let first = *w.first()?;
    let second = w.get(1).copied();
    let phase = || if mentions_phase(w) { Some(TotalLabel::Phase(phase_ref(w))) } else { None };
    match (first, second) {
        ("tong", None) => Some(TotalLabel::Grand),
        ("tong", Some("so" | "cong" | "kinh" | "muc" | "du" | "von" | "chi" | "gia")) => {
            phase().or(Some(TotalLabel::Grand))
        }
        ("tong" | "cong", Some("gd" | "giai" | "phase")) => phase(),
        ("cong", None) => Some(TotalLabel::Bare),
        ("cong", Some("chung" | "tong")) => phase().or(Some(TotalLabel::Grand)),
        ("cong", Some(x)) if x.chars().all(|c| c.is_ascii_digit()) || roman(x).is_some() => Some(TotalLabel::Bare),
        ("cong", Some("ca")) => phase().or(Some(TotalLabel::Grand)),
        ("total" | "sum", _) | ("grand", Some("total")) => phase().or(Some(TotalLabel::Grand)),
        ("subtotal", _) => phase().or(Some(TotalLabel::Bare)),
        _ => None,
    }
}

/// Whether folded text speaks of a funding source ("ngân sách", "NSTW", "nguồn", "xã hội hóa" …).
pub(crate) fn speaks_of_funding(folded: &str, w: &[&str]) -> bool {
    w.iter().any(|x| matches!(*x, "ns" | "nstw" | "nsdp" | "nst" | "nsh" | "nsx" | "nguon" | "budget" | "funding"))
        || folded.contains("ngan sach")
        || folded.contains("xa hoi hoa")
        || folded.contains("huy dong")
        || folded.contains("tai tro")
        || folded.contains("long ghep")
}

/// The percentage written in a label: "NSTW (40%)" → 40.
pub(crate) fn percent_in(text: &str) -> Option<Decimal> {
    let pos = text.find('%')?;
    let before = text.get(..pos)?.trim_end();
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == ',' || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    let number = before.get(start..)?;
    parse_percent(number, Lang::Vi).ok().filter(|p| *p > Decimal::ZERO && *p <= Decimal::ONE_HUNDRED)
}

/// Funding sources named with a share in free text: "Trong đó NSTW 40%, NSĐP 60%",
/// "Ngân sách Trung ương đảm bảo 40% tổng kinh phí". Returns the kind, the words naming it and
/// the percent, in order of appearance; sources that cannot be told apart from "other" are left
/// out.
pub(crate) fn funding_in_text(text: &str) -> Vec<(SourceKind, String, Decimal)> {
    let mut out: Vec<(SourceKind, String, Decimal)> = Vec::new();
    for piece in text.split([',', ';', '\n', '+']) {
        let Some(pct) = percent_in(piece) else { continue };
        let Some(pos) = piece.find('%') else { continue };
        let name_part = piece.get(..pos).unwrap_or(piece);
        let folded = fold(name_part);
        let w = words(&folded);
        if !speaks_of_funding(&folded, &w) && !folded.contains("trung uong") && !folded.contains("dia phuong") {
            continue;
        }
        let kind = SourceKind::guess(name_part);
        if kind == SourceKind::Other || out.iter().any(|(k, _, _)| *k == kind) {
            continue;
        }
        out.push((kind, kind.name().get(Lang::Vi).to_string(), pct));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn total(s: &str) -> Option<TotalLabel> {
        let f = fold(s);
        total_label(&words(&f))
    }

    #[test]
    fn recognises_years() {
        let t = |s: &str| year_of(&Cell::Text(s.into()));
        assert_eq!(t("2013"), Some(2013));
        assert_eq!(t("Năm 2013"), Some(2013));
        assert_eq!(t("Năm\n2014"), Some(2014));
        assert_eq!(t("2015 (dự kiến)"), Some(2015));
        assert_eq!(year_of(&Cell::Number(dec!(2016))), Some(2016));
        assert_eq!(year_of(&Cell::Number(dec!(2016.5))), None);
        assert_eq!(year_of(&Cell::Number(dec!(895))), None);
        assert_eq!(t("Giai đoạn 2013"), None);
    }

    #[test]
    fn recognises_totals_but_not_lines_that_start_alike() {
        assert_eq!(total("Tổng số"), Some(TotalLabel::Grand));
        assert_eq!(total("Tổng cộng"), Some(TotalLabel::Grand));
        assert_eq!(total("TỔNG"), Some(TotalLabel::Grand));
        assert_eq!(total("Cộng"), Some(TotalLabel::Bare));
        assert_eq!(total("Cộng GĐ 1"), Some(TotalLabel::Phase(PhaseRef { number: Some(1), years: None })));
        assert_eq!(total("Cộng giai đoạn 2"), Some(TotalLabel::Phase(PhaseRef { number: Some(2), years: None })));
        assert_eq!(
            total("Cộng GĐ 2016-2020"),
            Some(TotalLabel::Phase(PhaseRef { number: None, years: Some(YearRange::new(2016, 2020)) }))
        );
        assert_eq!(total("Tổng kết, sơ kết"), None);
        assert_eq!(total("Cộng đồng học tập"), None);
    }

    #[test]
    fn reads_percentages_in_labels() {
        assert_eq!(percent_in("NSTW (40%)"), Some(dec!(40)));
        assert_eq!(percent_in("NSĐP 60%"), Some(dec!(60)));
        assert_eq!(percent_in("Tuyên truyền"), None);
    }

    #[test]
    fn finds_funding_in_notes() {
        let f = funding_in_text("Trong đó NSTW 40%, NSĐP 60%");
        assert_eq!(
            f,
            vec![
                (SourceKind::CentralBudget, "Ngân sách Trung ương".into(), dec!(40)),
                (SourceKind::LocalBudget, "Ngân sách địa phương".into(), dec!(60))
            ]
        );
        let f = funding_in_text("Ngân sách Trung ương đảm bảo 40% tổng kinh phí; ngân sách địa phương 60%");
        assert_eq!(f.len(), 2);
        assert!(funding_in_text("Tỷ lệ hoàn thành 40%").is_empty());
    }
}
