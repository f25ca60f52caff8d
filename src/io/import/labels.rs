//! Recognising the labels of a budget table: years, totals, phases, and the headers of columns
//! that are not money. Matching is accent- and case-insensitive ([`crate::text::fold`]).

use rust_decimal::Decimal;

use super::grid::Cell;
use crate::locale::{Lang, parse_percent};
use crate::model::{MoneyUnit, SourceKind, Year, YearRange};
use crate::text::fold;

/// Years accepted as column or row labels.
pub(crate) const YEARS: std::ops::RangeInclusive<Year> = 1950..=2100;

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

/// What a label says an entry (row or column) of the table is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Label {
    /// Nothing written.
    Blank,
    /// A year: 2013, "Năm 2013".
    Year(Year),
    /// The grand total: "Tổng số", "Tổng cộng", "Tổng".
    GrandTotal,
    /// A bare "Cộng": a subtotal when entries follow it, else the grand total.
    BareSum,
    /// A phase subtotal: "Cộng GĐ 1", "Cộng giai đoạn 2".
    PhaseTotal(PhaseRef),
    /// A phase heading: "Giai đoạn 1 (2012 - 2015)", "GĐ 2016–2020".
    Section(PhaseRef),
    /// Numbering: "STT", "TT".
    Numbering,
    /// Notes: "Ghi chú".
    Notes,
    /// A percentage: "%", "Tỷ lệ", "So với năm trước (%)".
    Percent,
    /// A share of the total by funding source: "NSTW (40%)", "NSĐP".
    Share(Option<Decimal>),
    /// Who carries the line out: "Đơn vị chủ trì".
    Agency,
    /// A unit column: "ĐVT".
    UnitColumn,
    /// A caption of the label column or row: "Nội dung", "Năm", "Hạng mục".
    Caption,
    /// "Trong đó:" and similar lead-ins of funding rows.
    FundingLeadIn,
    /// Anything else: a budget line's name, as written (white space collapsed).
    Name(String),
}

/// Words of folded text: letters and digits only.
fn words(folded: &str) -> Vec<&str> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

/// Collapses white space (also line breaks inside a cell) into single spaces.
pub(crate) fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The year a cell labels, if any: a whole number in [`YEARS`], or text such as "2013",
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
            YEARS.contains(&y).then_some(y)
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
    word.parse().ok().filter(|y| YEARS.contains(y))
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
pub(crate) fn total_label(w: &[&str]) -> Option<Label> {
    let first = *w.first()?;
    let second = w.get(1).copied();
    let phase = || if mentions_phase(w) { Some(Label::PhaseTotal(phase_ref(w))) } else { None };
    match (first, second) {
        ("tong", None) => Some(Label::GrandTotal),
        ("tong", Some("so" | "cong" | "kinh" | "muc" | "du" | "von" | "chi" | "gia")) => {
            phase().or(Some(Label::GrandTotal))
        }
        ("tong" | "cong", Some("gd" | "giai" | "phase")) => phase(),
        ("cong", None) => Some(Label::BareSum),
        ("cong", Some("chung" | "tong")) => phase().or(Some(Label::GrandTotal)),
        ("cong", Some(x)) if x.chars().all(|c| c.is_ascii_digit()) || roman(x).is_some() => Some(Label::BareSum),
        ("cong", Some("ca")) => phase().or(Some(Label::GrandTotal)),
        ("total" | "sum", _) | ("grand", Some("total")) => phase().or(Some(Label::GrandTotal)),
        ("subtotal", _) => phase().or(Some(Label::BareSum)),
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

/// Classifies the label of a row or column.
pub(crate) fn classify(cell: &Cell) -> Label {
    let text = match cell {
        Cell::Text(t) if !t.trim().is_empty() => t,
        Cell::Number(_) => return year_of(cell).map(Label::Year).unwrap_or(Label::Blank),
        _ => return Label::Blank,
    };
    if let Some(y) = year_of(cell) {
        return Label::Year(y);
    }
    let folded = fold(text);
    let w = words(&folded);
    if w.is_empty() {
        return if text.contains('%') { Label::Percent } else { Label::Blank };
    }
    if let Some(total) = total_label(&w) {
        return total;
    }
    let first = w.first().copied().unwrap_or_default();
    if (first == "giai" && w.get(1) == Some(&"doan")) || matches!(first, "gd" | "phase" | "stage") {
        return Label::Section(phase_ref(&w));
    }
    if matches!(folded.as_str(), "stt" | "tt" | "so tt" | "so thu tu" | "no" | "no." | "#" | "s tt") {
        return Label::Numbering;
    }
    if folded.starts_with("ghi chu") || matches!(first, "note" | "notes" | "remarks") {
        return Label::Notes;
    }
    if speaks_of_funding(&folded, &w) && SourceKind::guess(text) != SourceKind::Other {
        return Label::Share(percent_in(text));
    }
    if text.contains('%')
        || folded.contains("ty le")
        || folded.contains("ty trong")
        || folded.contains("so voi")
        || folded.contains("tang giam")
        || matches!(first, "percent" | "percentage" | "ratio")
    {
        return Label::Percent;
    }
    if folded.starts_with("trong do") || folded.starts_with("of which") || folded.starts_with("bao gom") {
        return Label::FundingLeadIn;
    }
    if ["don vi thuc hien", "don vi chu tri", "co quan chu tri", "co quan thuc hien", "chu tri", "agency"]
        .iter()
        .any(|p| folded.starts_with(p))
    {
        return Label::Agency;
    }
    if matches!(folded.as_str(), "dvt" | "d.v.t" | "don vi tinh" | "don vi" | "unit") {
        return Label::UnitColumn;
    }
    if is_caption(&folded, &w) {
        return Label::Caption;
    }
    Label::Name(tidy(text))
}

fn is_caption(folded: &str, w: &[&str]) -> bool {
    const CAPTIONS: [&str; 16] = [
        "noi dung",
        "nam",
        "hang muc",
        "noi dung chi",
        "ten",
        "chi tieu",
        "danh muc",
        "nhiem vu",
        "year",
        "item",
        "items",
        "content",
        "noi dung cong viec",
        "ten nhiem vu",
        "cac nhiem vu",
        "hoat dong",
    ];
    CAPTIONS.contains(&folded)
        || (w.first() == Some(&"noi") && w.contains(&"nam"))
        || (w.first() == Some(&"nam") && w.contains(&"noi"))
        || (w.len() <= 3 && w.first() == Some(&"nam") && w.get(1) != Some(&"hoc"))
}

/// The unit a text states, if it is a unit line ("Đơn vị tính: Triệu đồng", "ĐVT: tỷ đồng"), a
/// short unit cell ("Triệu đồng") or a header with the unit in brackets ("Kinh phí (triệu đồng)").
/// A sentence that merely mentions money ("5,4 tỷ đồng") is not a unit line.
pub(crate) fn unit_line(text: &str) -> Option<MoneyUnit> {
    let folded = fold(text);
    if ["don vi tinh", "don vi", "dvt", "d.v.t", "unit"].iter().any(|k| folded.contains(k)) {
        return MoneyUnit::recognise(text);
    }
    let bare = folded.trim_matches(|c: char| c == '(' || c == ')' || c == '[' || c == ']' || c.is_whitespace());
    if bare.chars().count() <= 20
        && !bare.chars().any(|c| c.is_ascii_digit())
        && let Some(u) = MoneyUnit::recognise(bare)
    {
        return Some(u);
    }
    let open = text.rfind('(')?;
    let inner = text.get(open + 1..)?;
    let inner = inner.split(')').next()?;
    if inner.chars().count() <= 20 && !inner.chars().any(|c| c.is_ascii_digit()) {
        MoneyUnit::recognise(inner)
    } else {
        None
    }
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
        out.push((kind, kind.label_vi().to_string(), pct));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn t(s: &str) -> Label {
        classify(&Cell::Text(s.into()))
    }

    #[test]
    fn recognises_years() {
        assert_eq!(t("2013"), Label::Year(2013));
        assert_eq!(t("Năm 2013"), Label::Year(2013));
        assert_eq!(t("Năm\n2014"), Label::Year(2014));
        assert_eq!(t("2015 (dự kiến)"), Label::Year(2015));
        assert_eq!(classify(&Cell::Number(dec!(2016))), Label::Year(2016));
        assert_eq!(classify(&Cell::Number(dec!(2016.5))), Label::Blank);
        assert_eq!(classify(&Cell::Number(dec!(895))), Label::Blank);
        assert_eq!(year_of(&Cell::Text("Giai đoạn 2013".into())), None);
    }

    #[test]
    fn recognises_totals_but_not_lines_that_start_alike() {
        assert_eq!(t("Tổng số"), Label::GrandTotal);
        assert_eq!(t("Tổng cộng"), Label::GrandTotal);
        assert_eq!(t("TỔNG"), Label::GrandTotal);
        assert_eq!(t("Cộng"), Label::BareSum);
        assert_eq!(t("Cộng GĐ 1"), Label::PhaseTotal(PhaseRef { number: Some(1), years: None }));
        assert_eq!(t("Cộng giai đoạn 2"), Label::PhaseTotal(PhaseRef { number: Some(2), years: None }));
        assert_eq!(
            t("Cộng GĐ 2016-2020"),
            Label::PhaseTotal(PhaseRef { number: None, years: Some(YearRange::new(2016, 2020)) })
        );
        assert_eq!(t("Tổng kết, sơ kết"), Label::Name("Tổng kết, sơ kết".into()));
        assert_eq!(t("Cộng đồng học tập"), Label::Name("Cộng đồng học tập".into()));
    }

    #[test]
    fn recognises_phase_headings() {
        assert_eq!(
            t("Giai đoạn 1 (2012 - 2015)"),
            Label::Section(PhaseRef { number: Some(1), years: Some(YearRange::new(2012, 2015)) })
        );
        assert_eq!(
            t("GĐ 2016–2020"),
            Label::Section(PhaseRef { number: None, years: Some(YearRange::new(2016, 2020)) })
        );
        assert_eq!(t("Giai đoạn II"), Label::Section(PhaseRef { number: Some(2), years: None }));
    }

    #[test]
    fn recognises_columns_that_are_not_money() {
        assert_eq!(t("STT"), Label::Numbering);
        assert_eq!(t("Ghi chú"), Label::Notes);
        assert_eq!(t("So với năm trước (%)"), Label::Percent);
        assert_eq!(t("Tỷ lệ"), Label::Percent);
        assert_eq!(t("NSTW (40%)"), Label::Share(Some(dec!(40))));
        assert_eq!(t("NSĐP 60%"), Label::Share(Some(dec!(60))));
        assert_eq!(t("Ngân sách địa phương"), Label::Share(None));
        assert_eq!(t("Hỗ trợ các huyện"), Label::Name("Hỗ trợ các huyện".into()));
        assert_eq!(t("Nội dung\nNăm"), Label::Caption);
        assert_eq!(t("Năm"), Label::Caption);
        assert_eq!(t("Đơn vị chủ trì"), Label::Agency);
        assert_eq!(t("CSVC, tài liệu"), Label::Name("CSVC, tài liệu".into()));
    }

    #[test]
    fn recognises_unit_lines_only() {
        assert_eq!(unit_line("Đơn vị tính: Triệu đồng"), Some(MoneyUnit::Million));
        assert_eq!(unit_line("ĐVT: tỷ đồng"), Some(MoneyUnit::Billion));
        assert_eq!(unit_line("(Nghìn đồng)"), Some(MoneyUnit::Thousand));
        assert_eq!(unit_line("Kinh phí (triệu đồng)"), Some(MoneyUnit::Million));
        assert_eq!(unit_line("Kinh phí dự kiến là 5,4 tỷ đồng cho các hoạt động"), None);
        assert_eq!(unit_line("Tuyên truyền"), None);
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
