//! Writes the spreadsheet fixtures of the import tests into `fixtures/`.
//!
//! Run: `cargo run --example make_fixtures` (then `scripts/fixtures/make_variants.sh` for the
//! `.xls`, `.ods`, `.xlsb`, `.xlsm` and encrypted variants). Every workbook is built here from the
//! reference table (seed 000, section IV); nothing is taken from elsewhere.

// The tables are indexed by line and year, as the reference table is.
#![allow(clippy::needless_range_loop)]

use std::path::Path;

use kehoach::locale::{Lang, format_decimal};
use kehoach::reference::LINES;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, Formula, Workbook, Worksheet, XlsxError};

const YEARS: [i32; 8] = [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020];
const TITLE: &str = "DỰ KIẾN KINH PHÍ HÀNG NĂM";
const SUBTITLE: &str =
    "Kế hoạch thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2012–2020” trên địa bàn tỉnh Bắc Kạn";
const LINE_NAMES: [&str; 4] = ["Tuyên truyền", "CSVC, tài liệu", "Đào tạo bồi dưỡng", "Quản lý"];

/// A1 reference of a 0-based cell.
fn a1(row: u32, col: u16) -> String {
    let mut n = col as u32 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push((b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

/// The amount of line `j` in year index `k`, in triệu đồng.
fn amount(j: usize, k: usize) -> Decimal {
    Decimal::from(LINES[j].1[k])
}

/// How a fixture writes its numbers.
#[derive(Clone, Copy, PartialEq)]
enum Style {
    /// Real numbers, totals as formulas with cached results.
    Numbers,
    /// Numbers typed as text in Vietnamese style ("1.095", "0,4"), totals typed too.
    VietnameseText,
}

struct Writer<'a> {
    ws: &'a mut Worksheet,
    style: Style,
    /// Divide amounts by this (1000 to write triệu as tỷ).
    scale: Decimal,
}

impl Writer<'_> {
    fn text(&mut self, r: u32, c: u16, s: &str) -> Result<(), XlsxError> {
        self.ws.write_string(r, c, s)?;
        Ok(())
    }

    fn value(&mut self, r: u32, c: u16, v: Decimal) -> Result<(), XlsxError> {
        let v = (v / self.scale).normalize();
        match self.style {
            Style::Numbers => {
                self.ws.write_number(r, c, v.to_f64().unwrap_or_default())?;
            }
            Style::VietnameseText => {
                self.ws.write_string(r, c, format_decimal(v, Lang::Vi))?;
            }
        }
        Ok(())
    }

    /// A stated sum: a formula with its cached result, or typed text.
    fn sum(&mut self, r: u32, c: u16, formula: &str, v: Decimal) -> Result<(), XlsxError> {
        let v = (v / self.scale).normalize();
        match self.style {
            Style::Numbers => {
                self.ws.write_formula(r, c, Formula::new(formula).set_result(v.to_string()))?;
            }
            Style::VietnameseText => {
                self.ws.write_string(r, c, format_decimal(v, Lang::Vi))?;
            }
        }
        Ok(())
    }

    fn error(&mut self, r: u32, c: u16, formula: &str, result: &str) -> Result<(), XlsxError> {
        self.ws.write_formula(r, c, Formula::new(formula).set_result(result))?;
        Ok(())
    }
}

/// Options of the years-as-rows table.
#[derive(Clone, Copy)]
struct RowsTable {
    style: Style,
    /// "Giai đoạn 1 (2012 - 2015)" rows before each phase's years.
    sections: bool,
    /// STT column left, then "So với năm trước (%)", "NSTW (40%)", "NSĐP 60%", "Ghi chú".
    extra: bool,
    /// Subtotal of CSVC in GĐ 1 stated as 1300 and the 2014 total as 1195.
    wrong: bool,
    /// #REF!, #DIV/0! and #N/A in three amount cells.
    errors: bool,
    /// A funding note below the table.
    note: bool,
}

impl Default for RowsTable {
    fn default() -> Self {
        Self { style: Style::Numbers, sections: false, extra: false, wrong: false, errors: false, note: false }
    }
}

/// The reference table as in seed 000: unit line, header, "Tổng số" first, 2013–2015,
/// "Cộng GĐ 1", 2016–2020, "Cộng GĐ 2".
fn rows_table(ws: &mut Worksheet, t: RowsTable) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Center);
    ws.set_name("Kinh phí")?;
    ws.set_column_width(0, 14)?;
    let mut w = Writer { ws, style: t.style, scale: Decimal::ONE };
    let c0: u16 = if t.extra { 1 } else { 0 }; // year column
    w.text(0, 0, TITLE)?;
    w.text(1, 0, SUBTITLE)?;
    w.text(2, c0 + 5, "Đơn vị tính: Triệu đồng")?;
    let h = 3u32;
    w.ws.write_string_with_format(h, c0, "Nội dung\nNăm", &bold)?;
    for (j, name) in LINE_NAMES.iter().enumerate() {
        w.ws.write_string_with_format(h, c0 + 1 + j as u16, *name, &bold)?;
    }
    w.ws.write_string_with_format(h, c0 + 5, "Tổng", &bold)?;
    if t.extra {
        w.ws.write_string_with_format(h, 0, "STT", &bold)?;
        for (k, label) in ["So với năm trước (%)", "NSTW (40%)", "NSĐP 60%", "Ghi chú"].iter().enumerate() {
            w.ws.write_string_with_format(h, c0 + 6 + k as u16, *label, &bold)?;
        }
    }
    // Layout rows: Tổng số, [section], 2013..2015, Cộng GĐ 1, [section], 2016..2020, Cộng GĐ 2.
    let mut r = h + 1;
    let total_row = r;
    r += 1;
    let mut year_row = [0u32; 8];
    let mut sub_rows = [0u32; 2];
    for (p, (range, section)) in
        [(0..3, "Giai đoạn 1 (2012 - 2015)"), (3..8, "Giai đoạn 2 (2016 - 2020)")].into_iter().enumerate()
    {
        if t.sections {
            w.text(r, c0, section)?;
            r += 1;
        }
        for k in range {
            year_row[k] = r;
            r += 1;
        }
        sub_rows[p] = r;
        r += 1;
    }
    let phase_years = [0..3usize, 3..8usize];
    for k in 0..8 {
        let row = year_row[k];
        w.ws.write_number(row, c0, YEARS[k] as f64)?;
        if t.extra {
            w.text(row, 0, &(k + 1).to_string())?;
        }
        let mut total = Decimal::ZERO;
        for j in 0..4 {
            let col = c0 + 1 + j as u16;
            let v = amount(j, k);
            total += v;
            match (t.errors, k, j) {
                (true, 1, 0) => w.error(row, col, "=#REF!", "#REF!")?,
                (true, 3, 3) => w.error(row, col, "=1/0", "#DIV/0!")?,
                (true, 5, 1) => w.error(row, col, "=NA()", "#N/A")?,
                _ => w.value(row, col, v)?,
            }
        }
        let stated = if t.wrong && k == 1 { total + Decimal::from(100) } else { total };
        let f = format!("=SUM({}:{})", a1(row, c0 + 1), a1(row, c0 + 4));
        w.sum(row, c0 + 5, &f, stated)?;
        if t.extra {
            if k > 0 {
                let prev: Decimal = (0..4).map(|j| amount(j, k - 1)).sum();
                let pct = (total * Decimal::from(100) / prev).round_dp(1);
                w.value(row, c0 + 6, pct)?;
            }
            w.sum(row, c0 + 7, &format!("={}*40%", a1(row, c0 + 5)), total * Decimal::new(4, 1))?;
            w.sum(row, c0 + 8, &format!("={}*60%", a1(row, c0 + 5)), total * Decimal::new(6, 1))?;
            if k == 0 {
                w.text(row, c0 + 9, "Năm đầu triển khai")?;
            }
        }
    }
    for p in 0..2 {
        let row = sub_rows[p];
        w.text(row, c0, &format!("Cộng GĐ {}", p + 1))?;
        for j in 0..5 {
            let col = c0 + 1 + j as u16;
            let v: Decimal = phase_years[p]
                .clone()
                .map(|k| if j == 4 { (0..4).map(|jj| amount(jj, k)).sum() } else { amount(j, k) })
                .sum();
            let stated = if t.wrong && p == 0 && j == 1 { v - Decimal::from(100) } else { v };
            let first = year_row[phase_years[p].start];
            let last = year_row[phase_years[p].end - 1];
            w.sum(row, col, &format!("=SUM({}:{})", a1(first, col), a1(last, col)), stated)?;
        }
    }
    w.text(total_row, c0, "Tổng số")?;
    for j in 0..5 {
        let col = c0 + 1 + j as u16;
        let v: Decimal = (0..8).map(|k| if j == 4 { (0..4).map(|jj| amount(jj, k)).sum() } else { amount(j, k) }).sum();
        let f = format!("={}+{}", a1(sub_rows[0], col), a1(sub_rows[1], col));
        w.sum(total_row, col, &f, v)?;
    }
    if t.note {
        w.text(r + 1, 0, "Ghi chú: Trong đó NSTW 40%, NSĐP 60%.")?;
    }
    Ok(())
}

/// Options of the years-as-columns table.
#[derive(Clone, Copy)]
struct ColumnsTable {
    style: Style,
    /// A two-row header: a merged band "Giai đoạn N (…)" over each phase's years.
    band: bool,
    /// STT column, "Tỷ lệ (%)", "NSTW (40%)", "NSĐP (60%)" and "Ghi chú" columns.
    extra: bool,
    /// Amounts in tỷ đồng (divided by 1000), unit line "ĐVT: tỷ đồng".
    billion: bool,
}

/// The reference table transposed: "Năm 2013" … headers, phase subtotal columns, lines as rows
/// and a "Tổng cộng" row.
fn columns_table(ws: &mut Worksheet, t: ColumnsTable) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Center);
    ws.set_name("Kinh phí")?;
    ws.set_column_width(1, 22)?;
    let scale = if t.billion { Decimal::from(1000) } else { Decimal::ONE };
    let mut w = Writer { ws, style: t.style, scale };
    let name_col: u16 = if t.extra { 1 } else { 0 };
    w.text(0, 0, TITLE)?;
    w.text(1, 0, SUBTITLE)?;
    w.text(2, name_col + 8, if t.billion { "ĐVT: tỷ đồng" } else { "Đơn vị tính: Triệu đồng" })?;
    let (band_row, head) = if t.band { (3u32, 4u32) } else { (3u32, 3u32) };
    // Columns: name, then per phase its years and "Cộng GĐ n", then "Tổng số".
    let mut col = name_col + 1;
    let mut year_col = [0u16; 8];
    let mut sub_col = [0u16; 2];
    for (p, range) in [0..3usize, 3..8usize].into_iter().enumerate() {
        let start = col;
        for k in range {
            year_col[k] = col;
            w.ws.write_string_with_format(head, col, format!("Năm {}", YEARS[k]), &bold)?;
            col += 1;
        }
        sub_col[p] = col;
        w.ws.write_string_with_format(head, col, format!("Cộng GĐ {}", p + 1), &bold)?;
        if t.band {
            let label = if p == 0 { "Giai đoạn 1 (2012 - 2015)" } else { "Giai đoạn 2 (2016 - 2020)" };
            w.ws.merge_range(band_row, start, band_row, col, label, &bold)?;
        }
        col += 1;
    }
    let total_col = col;
    let extra_cols = [total_col + 1, total_col + 2, total_col + 3, total_col + 4];
    let header = |w: &mut Writer, c: u16, s: &str| -> Result<(), XlsxError> {
        if t.band {
            w.ws.merge_range(band_row, c, head, c, s, &bold)?;
        } else {
            w.ws.write_string_with_format(head, c, s, &bold)?;
        }
        Ok(())
    };
    header(&mut w, name_col, "Nội dung")?;
    header(&mut w, total_col, "Tổng số")?;
    if t.extra {
        header(&mut w, 0, "STT")?;
        for (c, s) in extra_cols.iter().zip(["Tỷ lệ (%)", "NSTW (40%)", "NSĐP (60%)", "Ghi chú"]) {
            header(&mut w, *c, s)?;
        }
    }
    let first_line = head + 1;
    let grand: Decimal = (0..4).flat_map(|j| (0..8).map(move |k| amount(j, k))).sum();
    for j in 0..4 {
        let r = first_line + j as u32;
        if t.extra {
            w.text(r, 0, &(j + 1).to_string())?;
        }
        w.text(r, name_col, LINE_NAMES[j])?;
        for k in 0..8 {
            w.value(r, year_col[k], amount(j, k))?;
        }
        for (p, range) in [0..3usize, 3..8usize].into_iter().enumerate() {
            let v: Decimal = range.clone().map(|k| amount(j, k)).sum();
            let f = format!("=SUM({}:{})", a1(r, year_col[range.start]), a1(r, year_col[range.end - 1]));
            w.sum(r, sub_col[p], &f, v)?;
        }
        let total: Decimal = (0..8).map(|k| amount(j, k)).sum();
        w.sum(r, total_col, &format!("={}+{}", a1(r, sub_col[0]), a1(r, sub_col[1])), total)?;
        if t.extra {
            let pct = (total * Decimal::from(100) / grand).round_dp(2);
            // A percentage is not money: written as it is, not scaled.
            w.ws.write_number(r, extra_cols[0], pct.to_f64().unwrap_or_default())?;
            w.sum(r, extra_cols[1], &format!("={}*40%", a1(r, total_col)), total * Decimal::new(4, 1))?;
            w.sum(r, extra_cols[2], &format!("={}*60%", a1(r, total_col)), total * Decimal::new(6, 1))?;
            if j == 1 {
                w.text(r, extra_cols[3], "Gồm nâng cấp 5 trung tâm GDTX")?;
            }
        }
    }
    let sum_row = first_line + 4;
    w.text(sum_row, name_col, "Tổng cộng")?;
    let mut sum_cols: Vec<(u16, Decimal)> = Vec::new();
    for k in 0..8 {
        sum_cols.push((year_col[k], (0..4).map(|j| amount(j, k)).sum()));
    }
    for (p, range) in [0..3usize, 3..8usize].into_iter().enumerate() {
        sum_cols.push((sub_col[p], (0..4).flat_map(|j| range.clone().map(move |k| amount(j, k))).sum()));
    }
    sum_cols.push((total_col, grand));
    for (c, v) in sum_cols {
        let f = format!("=SUM({}:{})", a1(first_line, c), a1(first_line + 3, c));
        w.sum(sum_row, c, &f, v)?;
    }
    Ok(())
}

use kehoach::reference::Xorshift as Rng;

/// 2,000 lines × 30 years (2021–2050), six phase subtotal columns, a total column and two share
/// columns per line, all as SUM formulas with cached results (18,000 formulas), and a total row.
fn large_table(ws: &mut Worksheet) -> Result<(), XlsxError> {
    const LINES_N: u32 = 2000;
    const YEARS_N: u16 = 30;
    ws.set_name("Kinh phí")?;
    ws.write_string(0, 0, "KẾ HOẠCH KINH PHÍ GIAI ĐOẠN 2021–2050 (BẢNG LỚN ĐỂ ĐO HIỆU NĂNG)")?;
    ws.write_string(1, 30, "Đơn vị tính: Triệu đồng")?;
    let head = 2u32;
    ws.write_string(head, 0, "STT")?;
    ws.write_string(head, 1, "Nội dung")?;
    // Columns: per phase 5 years then "Cộng GĐ n".
    let mut col = 2u16;
    let mut year_cols = Vec::new();
    let mut sub_cols = Vec::new();
    for p in 0..6u16 {
        let start = col;
        for k in 0..5u16 {
            ws.write_string(head, col, format!("Năm {}", 2021 + p * 5 + k))?;
            year_cols.push(col);
            col += 1;
        }
        ws.write_string(head, col, format!("Cộng GĐ {}", p + 1))?;
        sub_cols.push((col, start, col - 1));
        col += 1;
    }
    let total_col = col;
    ws.write_string(head, total_col, "Tổng cộng")?;
    ws.write_string(head, total_col + 1, "NSTW (40%)")?;
    ws.write_string(head, total_col + 2, "NSĐP (60%)")?;
    assert_eq!(year_cols.len(), YEARS_N as usize);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let last_col = total_col + 2;
    let mut column_sums = vec![Decimal::ZERO; last_col as usize + 1];
    for i in 0..LINES_N {
        let r = head + 1 + i;
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_string(r, 1, format!("Nội dung {}", i + 1))?;
        let mut row_vals = vec![Decimal::ZERO; last_col as usize + 1];
        for &c in &year_cols {
            let x = rng.next();
            let v = Decimal::new((x % 50_000) as i64, if x.is_multiple_of(7) { 1 } else { 0 });
            ws.write_number(r, c, v.to_f64().unwrap_or_default())?;
            row_vals[c as usize] = v;
        }
        let mut total = Decimal::ZERO;
        for &(c, a, b) in &sub_cols {
            let v: Decimal = (a..=b).map(|cc| row_vals[cc as usize]).sum();
            ws.write_formula(r, c, Formula::new(format!("=SUM({}:{})", a1(r, a), a1(r, b))).set_result(v.to_string()))?;
            row_vals[c as usize] = v;
            total += v;
        }
        let f = format!("={}", sub_cols.iter().map(|&(c, _, _)| a1(r, c)).collect::<Vec<_>>().join("+"));
        ws.write_formula(r, total_col, Formula::new(f).set_result(total.to_string()))?;
        row_vals[total_col as usize] = total;
        for (k, share) in [(1u16, Decimal::new(4, 1)), (2, Decimal::new(6, 1))] {
            let v = (total * share).normalize();
            let f = format!("={}*{}", a1(r, total_col), share);
            ws.write_formula(r, total_col + k, Formula::new(f).set_result(v.to_string()))?;
            row_vals[(total_col + k) as usize] = v;
        }
        for (s, v) in column_sums.iter_mut().zip(&row_vals) {
            *s += *v;
        }
    }
    let sum_row = head + 1 + LINES_N;
    ws.write_string(sum_row, 1, "Tổng cộng")?;
    for c in 2..=last_col {
        let f = format!("=SUM({}:{})", a1(head + 1, c), a1(sum_row - 1, c));
        ws.write_formula(sum_row, c, Formula::new(f).set_result(column_sums[c as usize].normalize().to_string()))?;
    }
    Ok(())
}

fn save(dir: &Path, name: &str, build: impl FnOnce(&mut Workbook) -> Result<(), XlsxError>) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    build(&mut wb)?;
    wb.save(dir.join(name))?;
    println!("wrote fixtures/{name}");
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    std::fs::create_dir_all(&dir)?;
    let rows = RowsTable::default();
    let cols = ColumnsTable { style: Style::Numbers, band: true, extra: false, billion: false };

    save(&dir, "seed_rows.xlsx", |wb| rows_table(wb.add_worksheet(), rows))?;
    save(&dir, "seed_columns.xlsx", |wb| columns_table(wb.add_worksheet(), cols))?;
    save(&dir, "text_numbers.xlsx", |wb| {
        rows_table(wb.add_worksheet(), RowsTable { style: Style::VietnameseText, ..rows })
    })?;
    save(&dir, "extra_columns_rows.xlsx", |wb| rows_table(wb.add_worksheet(), RowsTable { extra: true, ..rows }))?;
    save(&dir, "extra_columns_cols.xlsx", |wb| {
        columns_table(wb.add_worksheet(), ColumnsTable { band: false, extra: true, ..cols })
    })?;
    save(&dir, "sections.xlsx", |wb| rows_table(wb.add_worksheet(), RowsTable { sections: true, note: true, ..rows }))?;
    save(&dir, "wrong_subtotal.xlsx", |wb| rows_table(wb.add_worksheet(), RowsTable { wrong: true, ..rows }))?;
    save(&dir, "error_cells.xlsx", |wb| rows_table(wb.add_worksheet(), RowsTable { errors: true, ..rows }))?;
    save(&dir, "billion_text.xlsx", |wb| {
        columns_table(
            wb.add_worksheet(),
            ColumnsTable { style: Style::VietnameseText, band: false, extra: false, billion: true },
        )?;
        // The 2014 total typed with a dot, as some offices do: "1.095" for 1,095 tỷ đồng.
        wb.worksheet_from_index(0)?.write_string(8, 2, "1.095")?;
        Ok(())
    })?;
    save(&dir, "funding_sheet.xlsx", |wb| {
        rows_table(wb.add_worksheet(), rows)?;
        let ws = wb.add_worksheet();
        ws.set_name("Nguồn vốn")?;
        ws.write_string(0, 0, "CƠ CẤU NGUỒN VỐN")?;
        ws.write_string(1, 0, "Nguồn vốn")?;
        ws.write_string(1, 1, "Tỷ lệ")?;
        ws.write_string(2, 0, "Ngân sách Trung ương")?;
        ws.write_string(2, 1, "40 %")?;
        ws.write_string(3, 0, "Ngân sách địa phương")?;
        ws.write_string(3, 1, "60 %")?;
        ws.write_string(4, 0, "Tổng cộng")?;
        ws.write_string(4, 1, "100 %")?;
        Ok(())
    })?;
    save(&dir, "no_table.xlsx", |wb| {
        let ws = wb.add_worksheet();
        ws.set_name("Thuyết minh")?;
        ws.write_string(0, 0, "Kinh phí thực hiện Kế hoạch từ ngân sách nhà nước dự kiến là 5,4 tỷ đồng.")?;
        ws.write_string(1, 0, "Chi tiết xem phụ lục kèm theo.")?;
        Ok(())
    })?;
    save(&dir, "large.xlsx", |wb| large_table(wb.add_worksheet()))?;

    // Not a spreadsheet: a tiny PDF named like a workbook.
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    std::fs::write(dir.join("not_a_spreadsheet.xlsx"), pdf)?;
    println!("wrote fixtures/not_a_spreadsheet.xlsx");
    // A download cut short: the first 60 % of the seed workbook.
    let bytes = std::fs::read(dir.join("seed_rows.xlsx"))?;
    std::fs::write(dir.join("truncated.xlsx"), &bytes[..bytes.len() * 6 / 10])?;
    println!("wrote fixtures/truncated.xlsx");
    Ok(())
}
