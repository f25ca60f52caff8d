//! What one header or label text says: a year and the kind of figure it is ("Dự toán năm 2025"),
//! a phase ("Giai đoạn 2021-2025"), a total ("Tổng số"), a funding source ("NSTW"), a
//! percentage or comparison ("So sánh (%)"), a unit ("(tỷ đồng)"), or the role of a text column
//! ("STT", "Nội dung", "Đơn vị thực hiện", "Ghi chú").
//!
//! A column's header is read as the list of tags of its header cells, top first
//! ([`super::fields`] combines them); a row's label is read with the same tags.

use rust_decimal::Decimal;

use crate::io::import::grid::Cell;
use crate::io::import::labels::{self, PhaseRef};
use crate::locale::Text;
use crate::model::limits::LABEL_YEARS;
use crate::model::{MoneyUnit, SourceKind, Year, YearRange};
use crate::text::fold;

/// The kind of figure a year column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// Kế hoạch (KH): the plan.
    Plan,
    /// Dự toán giao, phân bổ: the estimate as allocated.
    Allocated,
    /// Dự toán (DT): the estimate.
    Estimate,
    /// Đề xuất, nhu cầu, dự kiến: what is asked for.
    Proposed,
    /// Ước thực hiện (ƯTH): the expected outturn.
    Expected,
    /// Thực hiện (TH): the outturn.
    Actual,
    /// Quyết toán (QT): the settled accounts.
    Settled,
}

impl FigureKind {
    /// What it is called.
    pub fn name(self) -> Text {
        match self {
            Self::Plan => Text::fixed("Kế hoạch", "Plan"),
            Self::Allocated => Text::fixed("Dự toán giao", "Allocated estimate"),
            Self::Estimate => Text::fixed("Dự toán", "Estimate"),
            Self::Proposed => Text::fixed("Đề xuất", "Proposed"),
            Self::Expected => Text::fixed("Ước thực hiện", "Expected outturn"),
            Self::Actual => Text::fixed("Thực hiện", "Outturn"),
            Self::Settled => Text::fixed("Quyết toán", "Settled accounts"),
        }
    }
}

/// A total word: "Tổng số", "Tổng cộng" (the whole) or a bare "Cộng" (a subtotal or the whole,
/// by position).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TotalWord {
    Grand,
    Bare,
}

/// The role of a text column (or row) named by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextRole {
    /// Numbering or a code: STT, Mã số, Loại, Khoản, Mục, Tài khoản …: never money, never years.
    Code,
    /// The budget lines' names: Nội dung, Danh mục, Chỉ tiêu, Nhiệm vụ …
    Name,
    /// Who carries a line out: Đơn vị thực hiện, Chủ trì.
    Agency,
    /// Ghi chú.
    Notes,
    /// A unit of measure column: ĐVT.
    Unit,
    /// The caption of a year column or row: "Năm", "Nội dung / Năm".
    YearCaption,
    /// A date or time: Thời gian, Ngày.
    Time,
}

/// What one text says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Tag {
    /// The one year it names ("Năm 2025", "KH 2026", "FY17").
    pub year: Option<Year>,
    /// A phase: "Giai đoạn 2021-2025", "GĐ 1", "Kế hoạch 2021-2025".
    pub phase: Option<PhaseRef>,
    /// The kind of figure.
    pub kind: Option<FigureKind>,
    /// A total word.
    pub total: Option<TotalWord>,
    /// A funding source it names, with the percent written beside it ("NSTW (40%)").
    pub source: Option<(SourceKind, Option<Decimal>)>,
    /// "Trong đó", "Chia ra", "Bao gồm", "Nguồn vốn": a lead-in to parts.
    pub lead_in: bool,
    /// A percentage, ratio or comparison: not money.
    pub compare: bool,
    /// A unit written in it ("(tỷ đồng)").
    pub unit: Option<MoneyUnit>,
    /// The role of a text column.
    pub role: Option<TextRole>,
    /// Several years without a range ("2025/2024"): not one year.
    pub several_years: bool,
    /// Words not understood remain (a name, not a header word).
    pub other: bool,
    /// The text, white space collapsed.
    pub text: String,
}

/// Words of folded text: letters and digits only.
fn words(folded: &str) -> Vec<&str> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

/// Words that may stand beside a year in a header without changing what it is.
const FILLER: [&str; 22] = [
    "nam", "year", "fy", "von", "kinh", "phi", "so", "tien", "muc", "chi", "ngan", "sach", "nsnn", "bo", "sung",
    "dieu", "chinh", "dau", "tu", "theo", "gia", "tri",
];

/// The tag of a cell: text, or a whole number that is a year (2013 in a header).
pub(crate) fn tag_cell(cell: &Cell) -> Option<Tag> {
    match cell {
        Cell::Text(t) if !t.trim().is_empty() => Some(tag(t)),
        Cell::Number(_) | Cell::Date(_) => {
            labels::year_of(cell).map(|y| Tag { year: Some(y), text: y.to_string(), ..Tag::default() })
        }
        _ => None,
    }
}

/// Reads one text.
pub(crate) fn tag(text: &str) -> Tag {
    let tidy = labels::tidy(text);
    let folded = fold(&tidy);
    let w = words(&folded);
    let mut t = Tag { text: tidy.clone(), ..Tag::default() };
    if w.is_empty() {
        t.compare = text.contains('%');
        return t;
    }
    let mut used = vec![false; w.len()];
    let mark = |used: &mut Vec<bool>, from: usize, n: usize| {
        for u in used.iter_mut().skip(from).take(n) {
            *u = true;
        }
    };

    // Years, ranges, fiscal years.
    let years = year_tokens(&folded);
    match years.as_slice() {
        [] => {}
        [(y, _)] => t.year = Some(*y),
        [(a, _), (b, sep)] if *sep == Sep::Range && a < b && b - a <= 50 => {
            t.phase = Some(PhaseRef { number: None, years: Some(YearRange::new(*a, *b)) });
        }
        [(a, _), (b, Sep::FiscalTail)] if b - a == 1 => t.year = Some(*a),
        _ => t.several_years = true,
    }
    for (i, word) in w.iter().enumerate() {
        if word.chars().all(|c| c.is_ascii_digit()) {
            mark(&mut used, i, 1);
        } else if let Some(rest) = word.strip_prefix("fy")
            && (rest.is_empty() || rest.chars().all(|c| c.is_ascii_digit()))
        {
            mark(&mut used, i, 1);
            if !rest.is_empty() && t.year.is_none() && t.phase.is_none() && rest.len() == 2 {
                t.year = rest.parse::<Year>().ok().map(|y| 2000 + y).filter(|y| LABEL_YEARS.contains(y));
            }
        }
    }

    // Kinds of figures.
    let seq = |i: usize, pat: &[&str]| w.get(i..i + pat.len()).is_some_and(|s| s == pat);
    for i in 0..w.len() {
        let found: Option<(FigureKind, usize)> = if seq(i, &["du", "toan", "duoc", "giao"]) {
            Some((FigureKind::Allocated, 4))
        } else if seq(i, &["du", "toan", "giao"]) || seq(i, &["giao", "du", "toan"]) {
            Some((FigureKind::Allocated, 3))
        } else if seq(i, &["dt", "giao"]) || seq(i, &["phan", "bo"]) {
            Some((FigureKind::Allocated, 2))
        } else if seq(i, &["du", "toan"]) {
            Some((FigureKind::Estimate, 2))
        } else if seq(i, &["uoc", "thuc", "hien"]) {
            Some((FigureKind::Expected, 3))
        } else if seq(i, &["uoc", "th"]) {
            Some((FigureKind::Expected, 2))
        } else if seq(i, &["thuc", "hien"]) {
            Some((FigureKind::Actual, 2))
        } else if seq(i, &["ke", "hoach"]) {
            Some((FigureKind::Plan, 2))
        } else if seq(i, &["quyet", "toan"]) {
            Some((FigureKind::Settled, 2))
        } else if seq(i, &["de", "xuat"]) || seq(i, &["nhu", "cau"]) || seq(i, &["du", "kien"]) {
            Some((FigureKind::Proposed, 2))
        } else {
            match w.get(i).copied() {
                Some("dt") => Some((FigureKind::Estimate, 1)),
                Some("uth" | "uoc") => Some((FigureKind::Expected, 1)),
                Some("th") => Some((FigureKind::Actual, 1)),
                Some("kh") => Some((FigureKind::Plan, 1)),
                Some("qt") => Some((FigureKind::Settled, 1)),
                Some("dk") => Some((FigureKind::Proposed, 1)),
                _ => None,
            }
        };
        if let Some((kind, n)) = found
            && !used.get(i).copied().unwrap_or(true)
        {
            t.kind = t.kind.or(Some(kind));
            mark(&mut used, i, n);
        }
    }

    // Phases: "Giai đoạn 1", "GĐ 2021-2025", "5 năm", "trung hạn".
    let phase_word = w.iter().any(|x| matches!(*x, "gd" | "phase" | "stage"))
        || w.windows(2).any(|p| p == ["giai", "doan"])
        || w.windows(2).any(|p| p == ["trung", "han"])
        || (w.windows(2).any(|p| p == ["5", "nam"]) && t.phase.is_some());
    if phase_word {
        let r = labels::phase_ref(&w);
        let years = t.phase.as_ref().and_then(|p| p.years).or(r.years.filter(|y| y.first < y.last));
        t.phase = Some(PhaseRef { number: r.number, years });
        t.year = None;
        for (i, word) in w.iter().enumerate() {
            if matches!(*word, "gd" | "giai" | "doan" | "phase" | "stage" | "trung" | "han")
                || labels::roman(word).is_some()
            {
                mark(&mut used, i, 1);
            }
        }
    } else if t.phase.is_some() {
        t.year = None;
    }

    // Totals (a unit or formula in brackets aside: "Tổng (tỷ đồng)", "Tổng cộng (I+II)").
    let unbracketed = without_brackets(&folded);
    if let Some(label) = labels::total_label(&words(&unbracketed)) {
        match label {
            labels::TotalLabel::Grand => t.total = Some(TotalWord::Grand),
            labels::TotalLabel::Bare => t.total = Some(TotalWord::Bare),
            labels::TotalLabel::Phase(p) => {
                t.total = Some(TotalWord::Bare);
                let years = t.phase.as_ref().and_then(|q| q.years).or(p.years);
                t.phase = Some(PhaseRef { number: p.number, years });
            }
        }
        if t.total.is_some() {
            for (i, word) in w.iter().enumerate().take(2) {
                if matches!(*word, "tong" | "cong" | "so" | "total" | "sum" | "grand" | "subtotal" | "ca" | "chung") {
                    mark(&mut used, i, 1);
                }
            }
        }
    }

    // Lead-ins to parts.
    if folded.starts_with("trong do")
        || folded.starts_with("chia ra")
        || folded.starts_with("bao gom")
        || folded.starts_with("of which")
        || folded == "nguon von"
        || folded == "nguon kinh phi"
        || folded.starts_with("co cau nguon")
        || folded == "chi tiet theo nguon"
    {
        t.lead_in = true;
        mark(&mut used, 0, 2);
    }

    // Funding sources.
    if labels::speaks_of_funding(&folded, &w) || w.first() == Some(&"von") {
        let kind = SourceKind::guess(&tidy);
        let bare_lead = t.lead_in && (folded == "nguon von" || folded == "nguon kinh phi");
        if !bare_lead {
            t.source = Some((kind, labels::percent_in(&tidy)));
            for (i, word) in w.iter().enumerate() {
                if matches!(
                    *word,
                    "ns" | "nstw"
                        | "nsdp"
                        | "nst"
                        | "nsh"
                        | "nsx"
                        | "ngan"
                        | "sach"
                        | "trung"
                        | "uong"
                        | "dia"
                        | "phuong"
                        | "tinh"
                        | "huyen"
                        | "xa"
                        | "von"
                        | "nguon"
                        | "khac"
                        | "hoi"
                        | "hoa"
                        | "huy"
                        | "dong"
                        | "tai"
                        | "tro"
                        | "long"
                        | "ghep"
                        | "trong"
                        | "nuoc"
                        | "ngoai"
                        | "oda"
                        | "su"
                        | "nghiep"
                        | "dtpt"
                        | "cap"
                ) {
                    mark(&mut used, i, 1);
                }
            }
        }
    }

    // Percentages and comparisons.
    if text.contains('%')
        || folded.contains("ty le")
        || folded.contains("ty trong")
        || folded.contains("so voi")
        || folded.contains("so sanh")
        || folded.contains("tang giam")
        || folded.contains("tang, giam")
        || folded.contains("tang (+)")
        || folded.contains("chenh lech")
        || matches!(w.first().copied(), Some("percent" | "percentage" | "ratio" | "tang" | "giam"))
    {
        // "NSTW (40%)" is a source with its share, not a percentage column.
        if t.source.is_none() || t.source.is_some_and(|(_, p)| p.is_none()) {
            t.compare = true;
        }
    }

    // A unit written in brackets, or the whole text a unit.
    t.unit = unit_in(&tidy);

    // Roles of text columns.
    t.role = role_of(&folded, &w);
    if t.role.is_some() {
        used.iter_mut().for_each(|u| *u = true);
    }
    for (i, word) in w.iter().enumerate() {
        if FILLER.contains(word) || matches!(*word, "trieu" | "dong" | "ty" | "nghin" | "d" | "vnd") {
            mark(&mut used, i, 1);
        }
    }
    t.other = used.iter().any(|u| !u);
    t
}

/// The text with bracketed parts removed.
fn without_brackets(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    let mut depth = 0u32;
    for c in folded.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether every word of a text is one a header naming a year may hold (a kind of figure, a
/// source, a total, a unit, a filler): a quick test before [`tag`] for texts with a year in them
/// ("Hạng mục 2011" is a line's name, not a year's header).
pub(crate) fn may_be_year_header(text: &str) -> bool {
    const WORDS: [&str; 56] = [
        "nam", "year", "fy", "von", "kinh", "phi", "so", "tien", "muc", "chi", "ngan", "sach", "nsnn", "bo", "sung",
        "dieu", "chinh", "dau", "tu", "theo", "gia", "tri", "du", "toan", "giao", "duoc", "uoc", "thuc", "hien", "ke",
        "hoach", "kh", "th", "uth", "dt", "qt", "quyet", "de", "xuat", "nhu", "cau", "kien", "dk", "phan", "tong",
        "cong", "trieu", "dong", "ty", "nghin", "d", "ns", "nstw", "nsdp", "nguon", "khac",
    ];
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).all(|w| {
        if w.chars().all(|c| c.is_ascii_digit()) || w.len() > 12 {
            return w.len() <= 12;
        }
        let f = fold(w);
        WORDS.contains(&f.as_str()) || f.strip_prefix("fy").is_some_and(|r| r.chars().all(|c| c.is_ascii_digit()))
    })
}

/// How two years are joined in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// The first year, or one after other words.
    None,
    /// "2021-2025", "2021 – 2025", "2021 đến 2025".
    Range,
    /// "2013-14": a fiscal year's second calendar year, two digits.
    FiscalTail,
    /// "2025/2024" and anything else.
    Other,
}

/// The years in folded text, with how each is joined to the one before.
fn year_tokens(folded: &str) -> Vec<(Year, Sep)> {
    let bytes = folded.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut last_end: Option<usize> = None;
    while i < bytes.len() {
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        let start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let run = folded.get(start..i).unwrap_or_default();
        // Digits glued to letters ("fy17", "a2025") or decimals ("2.025") are not years.
        let glued_before = start > 0 && bytes.get(start - 1).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'.');
        let glued_after = bytes.get(i).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'.' || *b == b',');
        let between = last_end.and_then(|e| folded.get(e..start)).unwrap_or("");
        let sep = if last_end.is_none() {
            Sep::None
        } else if matches!(between.trim(), "-" | "–" | "—" | "den" | "to" | "- den") {
            Sep::Range
        } else {
            Sep::Other
        };
        if run.len() == 4 && !glued_before && !glued_after {
            if let Ok(y) = run.parse::<Year>()
                && LABEL_YEARS.contains(&y)
            {
                out.push((y, sep));
                last_end = Some(i);
            }
        } else if run.len() == 2
            && sep == Sep::Range
            && let Some(&(prev, _)) = out.last()
            && let Ok(tail) = run.parse::<Year>()
        {
            let full = prev - prev % 100 + tail;
            if full == prev + 1 {
                out.push((full, Sep::FiscalTail));
                last_end = Some(i);
            }
        }
    }
    out
}

/// The role a header gives a text column.
fn role_of(folded: &str, w: &[&str]) -> Option<TextRole> {
    let first = w.first().copied().unwrap_or_default();
    let exact = |list: &[&str]| list.contains(&folded);
    if exact(&[
        "stt",
        "tt",
        "so tt",
        "so thu tu",
        "no",
        "no.",
        "#",
        "s tt",
        "so",
        "ma",
        "ma so",
        "loai",
        "khoan",
        "muc",
        "tieu muc",
        "chuong",
        "ma nguon",
        "ma quy",
        "tk",
        "tai khoan",
        "so hieu",
        "so hieu tk",
        "so hieu tai khoan",
        "ma chuong",
        "ma nganh",
        "ma nguon ns",
        "ma nguon nsnn",
        "code",
        "account",
        "ma du an",
        "ma dvqhns",
        "lkh",
        "loai khoan",
        "ma nd",
        "ma noi dung",
    ]) || (first == "ma" && w.len() <= 4)
        || (first == "tai" && w.get(1) == Some(&"khoan") && w.len() <= 3)
    {
        return Some(TextRole::Code);
    }
    if exact(&["ghi chu", "note", "notes", "remarks", "ghi chu (neu co)"]) || folded.starts_with("ghi chu") {
        return Some(TextRole::Notes);
    }
    if exact(&["dvt", "d.v.t", "don vi tinh", "unit"]) {
        return Some(TextRole::Unit);
    }
    if exact(&["nam", "year", "nam thuc hien"])
        || (first == "noi" && w.contains(&"nam"))
        || (first == "nam" && w.contains(&"noi"))
        || (first == "nam" && w.contains(&"chi") && w.len() <= 3)
    {
        return Some(TextRole::YearCaption);
    }
    if [
        "don vi thuc hien",
        "don vi chu tri",
        "co quan chu tri",
        "co quan thuc hien",
        "chu tri",
        "don vi su dung",
        "chu dau tu",
        "agency",
        "lead agency",
        "co quan, don vi",
        "don vi",
        "co quan",
    ]
    .iter()
    .any(|p| folded == *p || (folded.starts_with(p) && p.len() > 8))
    {
        return Some(TextRole::Agency);
    }
    if exact(&["thoi gian", "thoi gian thuc hien", "ngay", "ngay, thang", "ngay thang", "tien do"]) {
        return Some(TextRole::Time);
    }
    const NAMES: [&str; 30] = [
        "noi dung",
        "noi dung chi",
        "noi dung nhiem vu",
        "noi dung cong viec",
        "noi dung hoat dong",
        "danh muc",
        "danh muc du an",
        "chi tieu",
        "nhiem vu",
        "ten nhiem vu",
        "cac nhiem vu",
        "hang muc",
        "hoat dong",
        "ten",
        "ten du an",
        "du an",
        "ten cong trinh",
        "cong trinh",
        "dien giai",
        "ten tai khoan",
        "item",
        "items",
        "content",
        "description",
        "noi dung chi tieu",
        "cac khoan chi",
        "khoan chi",
        "linh vuc",
        "ten chuong trinh",
        "chuong trinh",
    ];
    if NAMES.contains(&folded) || (first == "noi" && w.get(1) == Some(&"dung")) || (first == "ten" && w.len() <= 4) {
        return Some(TextRole::Name);
    }
    None
}

/// A unit written in a header: in brackets ("Kinh phí (triệu đồng)"), after "ĐVT:", or the whole
/// text ("Triệu đồng"). Exact words only: "Hoạt động" and "Cộng đồng" are not units.
pub(crate) fn unit_in(text: &str) -> Option<MoneyUnit> {
    let folded = fold(text);
    let exact = |s: &str| -> Option<MoneyUnit> {
        let s = s
            .trim()
            .trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ':' | '.' | ',' | '*') || c.is_whitespace());
        match s {
            "dong" | "vnd" | "d" | "vn dong" | "dong vn" => Some(MoneyUnit::Dong),
            "nghin dong" | "ngan dong" | "1000 dong" | "1.000 dong" | "ng.dong" | "ng. dong" | "nghin" | "1000d"
            | "1.000d" | "thousand vnd" => Some(MoneyUnit::Thousand),
            "trieu dong" | "trieu" | "tr.dong" | "tr. dong" | "trd" | "tr.d" | "million vnd" | "trieu vnd" => {
                Some(MoneyUnit::Million)
            }
            "ty dong" | "ty" | "ti dong" | "ty vnd" | "billion vnd" => Some(MoneyUnit::Billion),
            _ => None,
        }
    };
    if let Some(u) = exact(&folded) {
        return Some(u);
    }
    // "Đơn vị tính: Triệu đồng", "ĐVT: tỷ đồng", "Đơn vị: đồng".
    for key in ["don vi tinh", "dvt", "d.v.t", "don vi", "unit"] {
        if let Some(pos) = folded.find(key) {
            let rest = folded.get(pos + key.len()..).unwrap_or_default();
            let rest = rest.trim_start_matches([':', ' ', '-', '.']);
            let head: String = rest.split([')', ';', ',']).next().unwrap_or_default().to_string();
            if let Some(u) = exact(&head) {
                return Some(u);
            }
        }
    }
    // The last bracket: "Tổng (tỷ đồng)".
    let open = folded.rfind('(')?;
    let inner = folded.get(open + 1..)?.split(')').next()?;
    exact(inner)
}

/// A row or column label that is a total: "Tổng cộng", "TỔNG SỐ", "Cộng", "Tổng cộng (I+II)",
/// "Cộng GĐ 1", "Tổng kinh phí": short, with nothing after the total words but fillers, a place
/// or phase, or a formula in brackets. "Tổng số lao động" and "Tổng kết" are lines.
pub(crate) fn total_of(text: &str) -> Option<TotalWord> {
    // Most labels are lines: their first word already says they are not totals.
    let first = text.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty())?;
    if first.len() > 12 || text.len() > 240 || !first.starts_with(['T', 't', 'C', 'c', 'S', 's', 'G', 'g']) {
        return None;
    }
    if !matches!(fold(first).as_str(), "tong" | "cong" | "total" | "sum" | "subtotal" | "grand") {
        return None;
    }
    let t = tag(text);
    let word = t.total?;
    // Formulas and units in brackets: "(I+II)", "(1+2+3)", "(tỷ đồng)".
    let folded = without_brackets(&fold(text));
    const ALLOWED: [&str; 30] = [
        "tong", "cong", "so", "chung", "ca", "kinh", "phi", "du", "toan", "von", "chi", "ngan", "sach", "nguon", "gd",
        "giai", "doan", "tinh", "huyen", "xa", "nam", "cac", "khoan", "muc", "total", "grand", "sum", "subtotal",
        "gia", "tri",
    ];
    let unknown = words(&folded)
        .iter()
        .filter(|w| !ALLOWED.contains(w) && !w.chars().all(|c| c.is_ascii_digit()) && labels::roman(w).is_none())
        .count();
    (unknown == 0).then_some(word)
}

/// Whether a row label opens or is a memo ("of which") that must not be added: "Trong đó",
/// "trong đó:", "Bao gồm", "Chia ra", "+ Trong đó".
pub(crate) fn is_memo(text: &str) -> bool {
    let first = text.trim_start_matches(|c: char| !c.is_alphanumeric()).chars().next();
    if !matches!(first, Some('T' | 't' | 'B' | 'b' | 'C' | 'c' | 'O' | 'o')) {
        return false;
    }
    let folded = fold(text);
    let body = folded.trim_start_matches(['-', '+', '*', '.', ' ', '•', '(', ')']);
    ["trong do", "trong so do", "bao gom", "chia ra", "of which", "trong do:"].iter().any(|p| body.starts_with(p))
}

/// Whether a row ends the table: a date line or a signature ("Ngày … tháng … năm",
/// "Người lập biểu", "Thủ trưởng đơn vị", "Nơi nhận").
pub(crate) fn ends_table(text: &str) -> bool {
    let first = text.trim_start_matches(|c: char| !c.is_alphanumeric()).chars().next();
    let may = matches!(first, Some('N' | 'n' | 'L' | 'l' | 'T' | 't' | 'K' | 'k' | 'G' | 'g' | 'C' | 'c' | 'X' | 'x'))
        || text.contains(',');
    if !may || text.len() > 240 {
        return false;
    }
    let folded = fold(text);
    let f = folded.trim_start_matches(|c: char| !c.is_alphanumeric());
    (f.starts_with("ngay") && f.contains("thang") && f.contains("nam") && f.len() < 80)
        || (f.contains(", ngay") && f.contains("thang") && f.len() < 80)
        || [
            "nguoi lap",
            "lap bieu",
            "thu truong",
            "ke toan truong",
            "noi nhan",
            "tm. ",
            "kt. ",
            "tl. ",
            "tuq",
            "giam doc",
            "chu tich",
            "truong phong",
            "xac nhan",
        ]
        .iter()
        .any(|p| f.starts_with(p) && f.len() < 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn reads_year_columns_named_by_the_kind_of_figure() {
        let cases = [
            ("Thực hiện năm 2023", 2023, Some(FigureKind::Actual)),
            ("Ước thực hiện năm 2024", 2024, Some(FigureKind::Expected)),
            ("Dự toán năm 2025", 2025, Some(FigureKind::Estimate)),
            ("Dự toán giao năm 2024", 2024, Some(FigureKind::Allocated)),
            ("Quyết toán năm 2022", 2022, Some(FigureKind::Settled)),
            ("Kế hoạch năm 2025", 2025, Some(FigureKind::Plan)),
            ("KH 2026", 2026, Some(FigureKind::Plan)),
            ("Năm 2025", 2025, None),
            ("2025", 2025, None),
            ("FY 2013-14", 2013, None),
            ("FY17", 2017, None),
            ("ƯTH 2024", 2024, Some(FigureKind::Expected)),
            ("Năm\n2014", 2014, None),
        ];
        for (text, year, kind) in cases {
            let t = tag(text);
            assert_eq!(t.year, Some(year), "{text}");
            assert_eq!(t.kind, kind, "{text}");
            assert!(t.phase.is_none(), "{text}");
            assert!(!t.other, "{text}: {t:?}");
        }
    }

    #[test]
    fn reads_phase_columns() {
        for text in ["Giai đoạn 2021-2025", "GĐ 2021-2025", "Kế hoạch giai đoạn 2021-2025", "Kế hoạch 2021 - 2025"]
        {
            let t = tag(text);
            assert_eq!(t.phase.and_then(|p| p.years), Some(YearRange::new(2021, 2025)), "{text}");
            assert_eq!(t.year, None, "{text}");
        }
        let t = tag("Cộng GĐ 1");
        assert_eq!(t.total, Some(TotalWord::Bare));
        assert_eq!(t.phase.map(|p| p.number), Some(Some(1)));
        let t = tag("Giai đoạn 1 (2012 - 2015)");
        assert_eq!(t.phase, Some(PhaseRef { number: Some(1), years: Some(YearRange::new(2012, 2015)) }));
    }

    #[test]
    fn reads_totals_sources_and_comparisons() {
        assert_eq!(tag("Tổng số").total, Some(TotalWord::Grand));
        assert_eq!(tag("TỔNG CỘNG").total, Some(TotalWord::Grand));
        assert_eq!(tag("Cộng").total, Some(TotalWord::Bare));
        assert_eq!(tag("NSTW").source, Some((SourceKind::CentralBudget, None)));
        assert_eq!(tag("NSĐP").source, Some((SourceKind::LocalBudget, None)));
        assert_eq!(tag("NSTW (40%)").source, Some((SourceKind::CentralBudget, Some(dec!(40)))));
        assert!(!tag("NSTW (40%)").compare);
        assert_eq!(tag("Vốn khác").source, Some((SourceKind::Other, None)));
        assert!(tag("So sánh (%)").compare);
        assert!(tag("So sánh DT 2025/ƯTH 2024 (%)").compare);
        assert!(tag("Tỷ lệ").compare);
        assert!(tag("Trong đó").lead_in);
        let t = tag("Tổng (tỷ đồng)");
        assert_eq!((t.total, t.unit), (Some(TotalWord::Grand), Some(MoneyUnit::Billion)));
        assert!(tag("2025/2024").several_years);
    }

    #[test]
    fn reads_the_roles_of_text_columns() {
        assert_eq!(tag("STT").role, Some(TextRole::Code));
        assert_eq!(tag("Mã số").role, Some(TextRole::Code));
        assert_eq!(tag("Tài khoản").role, Some(TextRole::Code));
        assert_eq!(tag("Mã quỹ").role, Some(TextRole::Code));
        assert_eq!(tag("Nội dung nhiệm vụ").role, Some(TextRole::Name));
        assert_eq!(tag("Danh mục").role, Some(TextRole::Name));
        assert_eq!(tag("Chỉ tiêu").role, Some(TextRole::Name));
        assert_eq!(tag("Đơn vị thực hiện").role, Some(TextRole::Agency));
        assert_eq!(tag("Chủ trì").role, Some(TextRole::Agency));
        assert_eq!(tag("Ghi chú").role, Some(TextRole::Notes));
        assert_eq!(tag("Nội dung\nNăm").role, Some(TextRole::YearCaption));
        assert!(tag("Tuyên truyền").other);
    }

    #[test]
    fn finds_units_only_where_they_are_units() {
        assert_eq!(unit_in("Đơn vị tính: Triệu đồng"), Some(MoneyUnit::Million));
        assert_eq!(unit_in("ĐVT: tỷ đồng"), Some(MoneyUnit::Billion));
        assert_eq!(unit_in("Đơn vị: Đồng"), Some(MoneyUnit::Dong));
        assert_eq!(unit_in("(Nghìn đồng)"), Some(MoneyUnit::Thousand));
        assert_eq!(unit_in("Kinh phí (triệu đồng)"), Some(MoneyUnit::Million));
        assert_eq!(unit_in("Hoạt động"), None);
        assert_eq!(unit_in("Cộng đồng"), None);
        assert_eq!(unit_in("Lao động (người)"), None);
        assert_eq!(unit_in("Kinh phí dự kiến là 5,4 tỷ đồng cho các hoạt động"), None);
    }

    #[test]
    fn tells_memo_rows_and_the_end_of_a_table() {
        assert!(is_memo("Trong đó:"));
        assert!(is_memo("+ Trong đó: chi lương"));
        assert!(is_memo("Bao gồm"));
        assert!(!is_memo("Chi thường xuyên, trong đó lương"));
        assert!(ends_table("Ngày 03 tháng 11 năm 2014"));
        assert!(ends_table("Bắc Kạn, ngày 10 tháng 5 năm 2013"));
        assert!(ends_table("Người lập biểu"));
        assert!(!ends_table("Chi thường xuyên"));
    }
}
