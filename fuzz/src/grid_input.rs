//! The byte encoding of a spreadsheet grid and import options that the `understand` fuzz target
//! decodes. Shared by the fuzz targets (`kehoach_fuzz::grid_input`), the seed writer
//! (`tools/fuzz_seeds.rs`) and the regression tests (`tests/fuzz_regressions.rs`), which
//! include this file by path; it depends only on `kehoach` and `rust_decimal`.
//!
//! Every byte string decodes to some grid (decoding is total and bounded), so libFuzzer's
//! mutations always reach `understand`. Layout:
//!
//! ```text
//! header: orientation  header_row  unit  plan_unit  not_money_count  not_money[..count % 4]
//!         name_field  skip_count  skip_fields[..count % 4]
//!   orientation: 1 years as rows, 2 years as columns, else guessed
//!   header_row, name_field:  0xC0 + n → Some(n), else None
//!   unit, plan_unit: (b % 8) 0–3 → đồng, nghìn, triệu, tỷ; else None
//! tokens, tag = byte % 16:
//!   0 end of row                    8 t a b  templated label (see TEMPLATES) with a, b
//!   1 empty cell                    9 b      TRUE / FALSE
//!   2 n      number n (0–255)       A k      error value (#REF! …)
//!   3 n      number 2000 + (n as i8) (a year)
//!   4 m0..m3 s   number i32 LE mantissa m, scale s % 8
//!   5 lo mid hi (3 × u32 LE) f  any decimal: sign f & 0x80, scale (f & 0x1F) % 29
//!   6 k      text DICTIONARY[k]     B r c h w  merged region rows r..=r+h, cols c..=c+w
//!   7 n ..   raw text of n bytes (lossy UTF-8)
//!   C n      repeat the previous cell n % 32 times
//!   D n      repeat the previous row n % 16 times
//!   E        hide the current row    F n      hide column n % 64
//! ```
//! Missing bytes read as 0. The grid is capped at [`MAX_ROWS`] × [`MAX_COLS`],
//! [`MAX_MERGED`] merged regions and [`MAX_HIDDEN`] hidden rows and columns each so that one
//! input runs in milliseconds.

use kehoach::io::import::{Cell, ImportOptions, Orientation, Region, SheetGrid};
use kehoach::model::MoneyUnit;
use rust_decimal::Decimal;

/// Most rows of a decoded grid.
pub const MAX_ROWS: usize = 64;
/// Most columns of a decoded grid.
pub const MAX_COLS: usize = 32;
/// Most merged regions of a decoded grid.
pub const MAX_MERGED: usize = 32;
/// Most hidden rows, and most hidden columns, of a decoded grid.
pub const MAX_HIDDEN: usize = 64;

/// Labels as budget tables write them.
pub const DICTIONARY: &[&str] = &[
    "Năm",
    "Tổng số",
    "Tổng cộng",
    "Tổng",
    "Cộng",
    "Cộng GĐ 1",
    "Cộng GĐ 2",
    "Cộng giai đoạn 2",
    "Giai đoạn 1 (2012 - 2015)",
    "Giai đoạn 2 (2016 - 2020)",
    "GĐ 2016–2020",
    "Giai đoạn II",
    "Đơn vị tính: Triệu đồng",
    "ĐVT: tỷ đồng",
    "Đơn vị: nghìn đồng",
    "Đơn vị tính: đồng",
    "NSTW (40%)",
    "NSĐP 60%",
    "NSĐP (60%)",
    "Xã hội hóa",
    "Nguồn vốn",
    "Trong đó:",
    "Ngân sách Trung ương",
    "Ngân sách địa phương",
    "STT",
    "TT",
    "Ghi chú",
    "Ghi chú: Trong đó NSTW 40%, NSĐP 60%.",
    "Nội dung / Năm",
    "Nội dung",
    "Hạng mục",
    "Đơn vị chủ trì",
    "ĐVT",
    "%",
    "Tỷ lệ (%)",
    "So với năm trước (%)",
    "2013",
    "Năm 2014",
    "Năm\n2015",
    "2014 (dự kiến)",
    "1.095",
    "1,095",
    "1.095,5",
    "1,095.5",
    "3,08",
    "0,07",
    "0.400",
    "5.400",
    "-",
    "#REF!",
    "#DIV/0!",
    "#N/A",
    "Tuyên truyền",
    "CSVC, tài liệu",
    "Đào tạo bồi dưỡng",
    "Quản lý",
    "I",
    "II",
    "a",
    "CHI THƯỜNG XUYÊN",
    "Chi đầu tư:",
    "KẾ HOẠCH THỰC HIỆN ĐỀ ÁN XÂY DỰNG XÃ HỘI HỌC TẬP GIAI ĐOẠN 2012 - 2020",
    "UBND tỉnh Bắc Kạn",
    "Tổng kết",
    "Cộng đồng",
    " ",
    // Legacy encodings as they arrive from a file (TCVN3, then VNI).
    "Tæng sè",
    "Tæng céng",
    "§¬n vÞ tÝnh: triÖu ®ång",
    "N¨m 2014",
    "Toång soá",
    "Ñôn vò tính: trieäu ñoàng",
    // Fields in a unit of their own.
    "Năm 2021 (tỷ đồng)",
    "Tổng (tỷ đồng)",
    "Năm 2022 (đồng)",
];

/// Error values as spreadsheets store them.
pub const ERRORS: &[&str] = &["#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"];

/// Labels with numbers in them: `{a}` and `{b}` are replaced by values derived from two bytes.
const TEMPLATES: &[&str] = &[
    "Năm {y}",
    "{y}",
    "Cộng GĐ {n}",
    "Giai đoạn {n} ({y} - {z})",
    "Giai đoạn {y}–{z}",
    "NSTW ({p}%)",
    "NSĐP {p}%",
    "{a}.{b:03}",
    "{a},{b:03}",
    "{a},{b}",
    "{a}.{b}",
    "Tổng GĐ {n}",
    "Đơn vị tính: {u}",
    "Trong đó NSTW {p}%, NSĐP {q}%",
    "KẾ HOẠCH GIAI ĐOẠN {y} - {z}",
    "{y} (dự kiến)",
];

const UNITS: &[&str] = &["đồng", "nghìn đồng", "triệu đồng", "tỷ đồng"];

struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bytes<'_> {
    fn done(&self) -> bool {
        self.at >= self.data.len()
    }

    fn u8(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at = self.at.saturating_add(1);
        b
    }

    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }

    fn take(&mut self, n: usize) -> &[u8] {
        let start = self.at.min(self.data.len());
        let end = self.at.saturating_add(n).min(self.data.len());
        self.at = self.at.saturating_add(n);
        self.data.get(start..end).unwrap_or(&[])
    }
}

fn unit(b: u8) -> Option<MoneyUnit> {
    MoneyUnit::ALL.get(usize::from(b % 8)).copied()
}

fn template(t: u8, a: u8, b: u8) -> String {
    let Some(template) = TEMPLATES.get(usize::from(t) % TEMPLATES.len()) else { return String::new() };
    let year = 2000 + i32::from(a as i8);
    template
        .replace("{y}", &year.to_string())
        .replace("{z}", &(year + i32::from(b % 16)).to_string())
        .replace("{n}", &(b % 6).to_string())
        .replace("{p}", &(b % 101).to_string())
        .replace("{q}", &(100 - i32::from(b % 101)).to_string())
        .replace("{u}", UNITS.get(usize::from(b) % UNITS.len()).copied().unwrap_or(""))
        .replace("{b:03}", &format!("{:03}", u32::from(b) * 4 % 1000))
        .replace("{a}", &a.to_string())
        .replace("{b}", &b.to_string())
}

/// Decodes fuzz input into a grid named "Kinh phí" and import options.
pub fn decode(data: &[u8]) -> (SheetGrid, ImportOptions) {
    let mut input = Bytes { data, at: 0 };
    let mut options = ImportOptions {
        orientation: match input.u8() {
            1 => Some(Orientation::YearsAsRows),
            2 => Some(Orientation::YearsAsColumns),
            _ => None,
        },
        header_row: match input.u8() {
            b @ 0xC0.. => Some(u32::from(b - 0xC0)),
            _ => None,
        },
        unit: unit(input.u8()),
        plan_unit: unit(input.u8()),
        ..ImportOptions::default()
    };
    let count = input.u8() % 4;
    for _ in 0..count {
        options.not_money.push(u32::from(input.u8()));
    }
    options.name_field = match input.u8() {
        b @ 0xC0.. => Some(u32::from(b - 0xC0)),
        _ => None,
    };
    let count = input.u8() % 4;
    for _ in 0..count {
        options.skip_fields.push(u32::from(input.u8()));
    }

    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut merged: Vec<Region> = Vec::new();
    let (mut hidden_rows, mut hidden_cols): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
    let mut cells = 0usize;
    while !input.done() && rows.len() < MAX_ROWS {
        let tag = input.u8() % 16;
        let cell = match tag {
            0 => {
                rows.push(std::mem::take(&mut row));
                continue;
            }
            2 => Cell::Number(Decimal::from(input.u8())),
            3 => Cell::Number(Decimal::from(2000 + i32::from(input.u8() as i8))),
            4 => {
                let m = input.u32() as i32;
                Cell::Number(Decimal::new(i64::from(m), u32::from(input.u8() % 8)))
            }
            5 => {
                let (lo, mid, hi) = (input.u32(), input.u32(), input.u32());
                let flags = input.u8();
                Cell::Number(Decimal::from_parts(lo, mid, hi, flags & 0x80 != 0, u32::from(flags & 0x1F) % 29))
            }
            6 => {
                let k = usize::from(input.u8()) % DICTIONARY.len();
                Cell::Text(DICTIONARY.get(k).copied().unwrap_or("").to_string())
            }
            7 => {
                let n = usize::from(input.u8());
                Cell::Text(String::from_utf8_lossy(input.take(n)).into_owned())
            }
            8 => {
                let (t, a, b) = (input.u8(), input.u8(), input.u8());
                Cell::Text(template(t, a, b))
            }
            9 => Cell::Bool(input.u8() & 1 == 1),
            10 => {
                let k = usize::from(input.u8()) % ERRORS.len();
                Cell::Error(ERRORS.get(k).copied().unwrap_or("#N/A").to_string())
            }
            11 => {
                let (r, c, h, w) = (input.u8(), input.u8(), input.u8(), input.u8());
                if merged.len() < MAX_MERGED {
                    merged.push(Region {
                        first_row: u32::from(r),
                        first_col: u32::from(c),
                        last_row: u32::from(r) + u32::from(h % 32),
                        last_col: u32::from(c) + u32::from(w % 32),
                    });
                }
                continue;
            }
            12 => {
                let n = usize::from(input.u8() % 32);
                let last = row.last().cloned().unwrap_or_default();
                for _ in 0..n {
                    if row.len() < MAX_COLS && cells < MAX_ROWS * MAX_COLS {
                        row.push(last.clone());
                        cells += 1;
                    }
                }
                continue;
            }
            13 => {
                let n = usize::from(input.u8() % 16);
                if let Some(last) = rows.last().cloned() {
                    for _ in 0..n {
                        if rows.len() < MAX_ROWS {
                            cells += last.len();
                            rows.push(last.clone());
                        }
                    }
                }
                continue;
            }
            14 => {
                if hidden_rows.len() < MAX_HIDDEN {
                    hidden_rows.push(rows.len() as u32);
                }
                continue;
            }
            15 => {
                let c = u32::from(input.u8() % 64);
                if hidden_cols.len() < MAX_HIDDEN {
                    hidden_cols.push(c);
                }
                continue;
            }
            _ => Cell::Empty,
        };
        if row.len() < MAX_COLS {
            row.push(cell);
            cells += 1;
        }
    }
    if !row.is_empty() && rows.len() < MAX_ROWS {
        rows.push(row);
    }
    (SheetGrid::from_rows("Kinh phí", rows).with_merged(merged).with_hidden(hidden_rows, hidden_cols), options)
}

/// Encodes a grid read from a file (with default options) so that [`decode`] gives back its
/// cells from `A1` on, its merged regions (those that fit the encoding), its hidden rows and
/// columns (within the caps) and `options`' choices (`not_money` and `skip_fields` entries up to
/// 255, three of each). Rows and columns past the caps are dropped; text longer than 255 bytes is
/// cut.
pub fn encode(grid: &SheetGrid, options: &ImportOptions) -> Vec<u8> {
    let mut out = vec![
        match options.orientation {
            Some(Orientation::YearsAsRows) => 1,
            Some(Orientation::YearsAsColumns) => 2,
            None => 0,
        },
        options.header_row.filter(|&h| h < 64).map(|h| 0xC0 + h as u8).unwrap_or(0),
        unit_code(options.unit),
        unit_code(options.plan_unit),
    ];
    let not_money: Vec<u8> = options.not_money.iter().filter_map(|&c| u8::try_from(c).ok()).take(3).collect();
    out.push(not_money.len() as u8);
    out.extend(&not_money);
    out.push(options.name_field.filter(|&c| c < 64).map(|c| 0xC0 + c as u8).unwrap_or(0));
    let skip: Vec<u8> = options.skip_fields.iter().filter_map(|&c| u8::try_from(c).ok()).take(3).collect();
    out.push(skip.len() as u8);
    out.extend(&skip);
    for &c in grid.hidden_cols().iter().filter(|&&c| c < 64).take(MAX_HIDDEN) {
        out.extend([15, c as u8]);
    }
    let end_row = (grid.end_row() as usize).min(MAX_ROWS);
    let end_col = (grid.end_col() as usize).min(MAX_COLS);
    let hidden_rows: Vec<u32> = grid.hidden_rows().iter().copied().take(MAX_HIDDEN).collect();
    for r in 0..end_row {
        if hidden_rows.contains(&(r as u32)) {
            out.push(14);
        }
        let cells: Vec<&Cell> = (0..end_col).map(|c| grid.get(r as u32, c as u32)).collect();
        let used = cells.iter().rposition(|c| !matches!(c, Cell::Empty)).map_or(0, |i| i + 1);
        for cell in cells.iter().take(used) {
            encode_cell(cell, &mut out);
        }
        out.push(0);
    }
    for m in grid.merged().iter().take(MAX_MERGED) {
        let (h, w) = (m.last_row.saturating_sub(m.first_row), m.last_col.saturating_sub(m.first_col));
        if let (Ok(r), Ok(c), true, true) = (u8::try_from(m.first_row), u8::try_from(m.first_col), h < 32, w < 32) {
            out.extend([11, r, c, h as u8, w as u8]);
        }
    }
    out
}

fn unit_code(unit: Option<MoneyUnit>) -> u8 {
    unit.and_then(|u| MoneyUnit::ALL.iter().position(|&x| x == u)).map(|i| i as u8).unwrap_or(7)
}

fn encode_cell(cell: &Cell, out: &mut Vec<u8>) {
    match cell {
        Cell::Empty => out.push(1),
        Cell::Number(d) => {
            let whole = d.fract().is_zero();
            let int =
                if whole { i64::try_from(d.trunc().mantissa() / 10i128.pow(d.trunc().scale())).ok() } else { None };
            match int {
                Some(n @ 0..=255) => out.extend([2, n as u8]),
                Some(n @ 1872..=2127) => out.extend([3, (n - 2000) as i8 as u8]),
                _ => {
                    let n = d.normalize();
                    match (i32::try_from(n.mantissa()), n.scale()) {
                        (Ok(m), s @ 0..=7) => {
                            out.push(4);
                            out.extend(m.to_le_bytes());
                            out.push(s as u8);
                        }
                        _ => {
                            let u = n.mantissa().unsigned_abs();
                            out.push(5);
                            out.extend((u as u32).to_le_bytes());
                            out.extend(((u >> 32) as u32).to_le_bytes());
                            out.extend(((u >> 64) as u32).to_le_bytes());
                            out.push(if n.is_sign_negative() { 0x80 } else { 0 } | n.scale() as u8);
                        }
                    }
                }
            }
        }
        Cell::Text(t) => match DICTIONARY.iter().position(|w| w == t) {
            Some(k) => out.extend([6, k as u8]),
            None => {
                let mut end = t.len().min(255);
                while !t.is_char_boundary(end) {
                    end -= 1;
                }
                out.extend([7, end as u8]);
                out.extend(&t.as_bytes()[..end]);
            }
        },
        Cell::Bool(b) => out.extend([9, u8::from(*b)]),
        Cell::Error(e) => out.extend([10, ERRORS.iter().position(|x| x == e).unwrap_or(0) as u8]),
        // Dates have no code of their own (every tag is taken): never an amount, they read as empty.
        Cell::Date(_) => out.push(1),
    }
}
