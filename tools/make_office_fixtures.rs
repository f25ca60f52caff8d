//! Writes the fixtures of the shapes real offices give their budget tables into
//! `fixtures/offices/` (see `fixtures/README.md`): every workbook is made up here, with the
//! layouts, numbering, units, encodings and mistakes seen in provincial files; totals are
//! formulas with their cached results, as Excel saves them.
//!
//! Run: `cargo run --example make_office_fixtures`, then `scripts/fixtures/make_offices.sh` for
//! the `.xls` variants (LibreOffice).

use std::collections::HashMap;
use std::path::Path;

use kehoach::text::legacy::{self, Legacy};
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

/// A1 reference of a 0-based cell.
fn a1(row: u32, col: u16) -> String {
    kehoach::diagnostic::cell_ref(row, u32::from(col))
}

/// A formula with its cached result.
fn formula(ws: &mut Worksheet, r: u32, c: u16, f: &str, v: i64) -> Result<(), XlsxError> {
    ws.write_formula(r, c, Formula::new(f).set_result(v.to_string()))?;
    Ok(())
}

/// `=SUM(...)` of the given cells of column `c`.
fn sum_of(rows: &[u32], c: u16) -> String {
    let cells: Vec<String> = rows.iter().map(|&r| a1(r, c)).collect();
    format!("=SUM({})", cells.join(","))
}

/// Text encoded in TCVN3 (ABC) as an office's legacy font writes it: each Vietnamese letter as
/// the Latin-1 character of its byte. Capitals have no code of their own in the ABC fonts: the
/// text is written in lower case and shown in a capitals font (`.VnTimeH`).
fn tcvn3(text: &str) -> String {
    let mut inverse: HashMap<char, char> = HashMap::new();
    for b in 0xA1u32..=0xFF {
        let Some(c) = char::from_u32(b) else { continue };
        let decoded = legacy::decode(&c.to_string(), Legacy::Tcvn3, false);
        let mut chars = decoded.chars();
        if let (Some(d), None) = (chars.next(), chars.next())
            && d != c
        {
            inverse.entry(d).or_insert(c);
        }
    }
    text.chars().map(|c| inverse.get(&c).copied().unwrap_or(c)).collect()
}

fn save(dir: &Path, name: &str, build: impl FnOnce(&mut Workbook) -> Result<(), XlsxError>) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    build(&mut wb)?;
    wb.save(dir.join(name))?;
    println!("wrote fixtures/offices/{name}");
    Ok(())
}

/// 2,000 tasks: `STT | Nội dung nhiệm vụ | Đơn vị thực hiện | 2021 … 2025 | Tổng`, a `TỔNG CỘNG`
/// row at the bottom with its label in the names column.
fn tasks_with_agency(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("Kế hoạch")?;
    ws.write_string(0, 0, "KẾ HOẠCH KINH PHÍ THỰC HIỆN CÁC NHIỆM VỤ GIAI ĐOẠN 2021-2025")?;
    ws.write_string(1, 8, "Đơn vị tính: triệu đồng")?;
    let head = ["STT", "Nội dung nhiệm vụ", "Đơn vị thực hiện", "2021", "2022", "2023", "2024", "2025", "Tổng"];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(2, c as u16, *h)?;
    }
    let agencies = ["Sở Giáo dục và Đào tạo", "Sở Tài chính", "UBND huyện Ba Bể", "Hội Khuyến học tỉnh"];
    let mut sums = [0i64; 6];
    let first = 3u32;
    for k in 0..2000u32 {
        let r = first + k;
        ws.write_number(r, 0, f64::from(k + 1))?;
        ws.write_string(r, 1, format!("Nhiệm vụ {} của kế hoạch", k + 1))?;
        ws.write_string(r, 2, agencies[(k % 4) as usize])?;
        let mut line = 0;
        for y in 0..5u16 {
            let v = i64::from((k * 7 + u32::from(y) * 13) % 90 + 10);
            ws.write_number(r, 3 + y, v as f64)?;
            sums[y as usize] += v;
            line += v;
        }
        formula(ws, r, 8, &format!("=SUM({}:{})", a1(r, 3), a1(r, 7)), line)?;
        sums[5] += line;
    }
    let total = first + 2000;
    ws.write_string(total, 1, "TỔNG CỘNG")?;
    for c in 3..=8u16 {
        formula(ws, total, c, &format!("=SUM({}:{})", a1(first, c), a1(total - 1, c)), sums[(c - 3) as usize])?;
    }
    Ok(())
}

/// One line of an estimate: code, name, figures (or `None` for a parent summed from rows).
type Row<'a> = (&'a str, &'a str, Option<[i64; 3]>);

/// An annual estimate: `Thực hiện năm 2023 | Ước thực hiện năm 2024 | Dự toán năm 2025 | So
/// sánh (%)`, rows numbered I, 1, 2, a, b, II, -, -, parents as SUM formulas, the total on top.
fn annual_estimate(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("Dự toán 2025")?;
    ws.write_string(0, 0, "UBND TỈNH BẮC KẠN")?;
    ws.write_string(1, 0, "DỰ TOÁN CHI NGÂN SÁCH LĨNH VỰC GIÁO DỤC NĂM 2025")?;
    ws.write_string(2, 5, "ĐVT: triệu đồng")?;
    let head = ["STT", "Nội dung", "Thực hiện năm 2023", "Ước thực hiện năm 2024", "Dự toán năm 2025", "So sánh (%)"];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(3, c as u16, *h)?;
    }
    // Leaves and their parents (row offsets are fixed below).
    let rows: [Row; 9] = [
        ("I", "Chi thường xuyên", None),
        ("1", "Sự nghiệp giáo dục", Some([4_250, 4_610, 5_020])),
        ("2", "Sự nghiệp đào tạo", None),
        ("a", "Đào tạo lại", Some([310, 355, 400])),
        ("b", "Bồi dưỡng giáo viên", Some([480, 512, 575])),
        ("II", "Chi đầu tư phát triển", None),
        ("-", "Trường mầm non Nà Phặc", Some([1_200, 900, 1_500])),
        ("-", "Trường tiểu học Bằng Lũng", Some([0, 1_100, 2_250])),
        ("", "Dự phòng", Some([95, 120, 140])),
    ];
    let total_row = 4u32;
    let first = 5u32;
    ws.write_string(total_row, 1, "TỔNG SỐ")?;
    let r = |i: u32| first + i;
    // Children of each parent, by offset.
    let children: HashMap<u32, Vec<u32>> = HashMap::from([(0, vec![1, 2]), (2, vec![3, 4]), (5, vec![6, 7])]);
    let value = |i: u32, y: usize| -> i64 {
        fn leaf(rows: &[Row], i: u32, y: usize, children: &HashMap<u32, Vec<u32>>) -> i64 {
            match children.get(&i) {
                Some(kids) => kids.iter().map(|&k| leaf(rows, k, y, children)).sum(),
                None => rows[i as usize].2.map(|v| v[y]).unwrap_or(0),
            }
        }
        leaf(&rows, i, y, &children)
    };
    for (i, (code, name, figures)) in rows.iter().enumerate() {
        let i = i as u32;
        if !code.is_empty() {
            ws.write_string(r(i), 0, *code)?;
        }
        ws.write_string(r(i), 1, *name)?;
        for y in 0..3usize {
            let c = 2 + y as u16;
            match (children.get(&i), figures) {
                (Some(kids), _) => {
                    let cells: Vec<u32> = kids.iter().map(|&k| r(k)).collect();
                    formula(ws, r(i), c, &sum_of(&cells, c), value(i, y))?;
                }
                (None, Some(v)) => {
                    ws.write_number(r(i), c, v[y] as f64)?;
                }
                (None, None) => {}
            }
        }
        let (prev, next) = (value(i, 1), value(i, 2));
        if prev != 0 {
            let pct = (next * 1000 / prev) as f64 / 10.0;
            ws.write_formula(
                r(i),
                5,
                Formula::new(format!("=ROUND({}/{}*100,1)", a1(r(i), 4), a1(r(i), 3))).set_result(pct.to_string()),
            )?;
        }
    }
    // The total: the top-level lines (I, II and the unnumbered reserve).
    for y in 0..3usize {
        let c = 2 + y as u16;
        let tops = [r(0), r(5), r(8)];
        let v = value(0, y) + value(5, y) + value(8, y);
        formula(ws, total_row, c, &sum_of(&tops, c), v)?;
    }
    ws.write_string(r(9) + 1, 3, "Bắc Kạn, ngày 10 tháng 12 năm 2024")?;
    ws.write_string(r(9) + 2, 3, "GIÁM ĐỐC")?;
    Ok(())
}

/// A district estimate in đồng: `Dự toán giao năm 2024 | Dự toán giao năm 2025`, rows numbered
/// I, 2, 2.6, 2.6.1, -, +, *, a memo row under a line.
fn district_estimate(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("Biểu 02")?;
    ws.write_string(0, 0, "DỰ TOÁN CHI NGÂN SÁCH HUYỆN NA RÌ")?;
    ws.write_string(1, 3, "Đơn vị tính: đồng")?;
    for (c, h) in ["TT", "Nội dung", "Dự toán giao năm 2024", "Dự toán giao năm 2025"].iter().enumerate() {
        ws.write_string(2, c as u16, *h)?;
    }
    let rows: [(&str, &str, [i64; 2]); 11] = [
        ("I", "Chi sự nghiệp giáo dục", [9_850_000_000, 10_412_500_000]),
        ("2", "Khối trung học cơ sở", [9_850_000_000, 10_412_500_000]),
        ("2.6", "Trường THCS Nà Phặc", [9_850_000_000, 10_412_500_000]),
        ("2.6.1", "Chi thường xuyên", [9_850_000_000, 10_412_500_000]),
        ("-", "Chi cho con người", [7_200_000_000, 7_560_000_000]),
        ("+", "Tiền lương", [5_400_000_000, 5_670_000_000]),
        ("*", "Lương ngạch bậc", [5_400_000_000, 5_670_000_000]),
        ("+", "Phụ cấp", [1_800_000_000, 1_890_000_000]),
        ("", "Trong đó: phụ cấp thu hút", [600_000_000, 630_000_000]),
        ("-", "Chi hoạt động chuyên môn", [2_650_000_000, 2_852_500_000]),
        ("", "", [0, 0]),
    ];
    for (i, (code, name, v)) in rows.iter().enumerate().take(10) {
        let r = 3 + i as u32;
        if !code.is_empty() {
            ws.write_string(r, 0, *code)?;
        }
        ws.write_string(r, 1, *name)?;
        ws.write_number(r, 2, v[0] as f64)?;
        ws.write_number(r, 3, v[1] as f64)?;
    }
    Ok(())
}

/// A medium-term plan: under each `Năm 2021 … Năm 2025` the sub-columns `Tổng số | NSTW | NSĐP`,
/// then a `Kế hoạch giai đoạn 2021-2025` block with the same, as merged bands.
fn medium_term(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("KH trung hạn")?;
    ws.write_string(0, 0, "KẾ HOẠCH ĐẦU TƯ CÔNG TRUNG HẠN GIAI ĐOẠN 2021-2025")?;
    ws.write_string(1, 0, "(Đơn vị: triệu đồng)")?;
    let center = Format::new();
    ws.write_string(2, 0, "STT")?;
    ws.write_string(2, 1, "Danh mục dự án")?;
    let blocks = ["Năm 2021", "Năm 2022", "Năm 2023", "Năm 2024", "Năm 2025", "Kế hoạch giai đoạn 2021-2025"];
    for (k, b) in blocks.iter().enumerate() {
        let c = 2 + 3 * k as u16;
        ws.merge_range(2, c, 2, c + 2, b, &center)?;
        for (j, s) in ["Tổng số", "NSTW", "NSĐP"].iter().enumerate() {
            ws.write_string(3, c + j as u16, *s)?;
        }
    }
    let projects: [(&str, [[i64; 2]; 5]); 4] = [
        ("Trường mầm non xã Đồng Thắng", [[1_200, 300], [800, 200], [0, 0], [0, 0], [0, 0]]),
        ("Nhà văn hóa thôn Nà Ngăm", [[0, 150], [0, 250], [0, 100], [0, 0], [0, 0]]),
        ("Trung tâm học tập cộng đồng xã Bằng Vân", [[0, 0], [2_000, 500], [1_500, 500], [500, 200], [0, 0]]),
        ("Thư viện tỉnh (cải tạo)", [[0, 0], [0, 0], [3_000, 1_000], [4_000, 1_500], [2_500, 1_000]]),
    ];
    let first = 5u32;
    ws.write_string(4, 1, "TỔNG SỐ")?;
    let mut col_sums = [0i64; 18];
    for (i, (name, years)) in projects.iter().enumerate() {
        let r = first + i as u32;
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_string(r, 1, *name)?;
        let (mut tw, mut dp) = (0, 0);
        for (y, [a, b]) in years.iter().enumerate() {
            let c = 2 + 3 * y as u16;
            formula(ws, r, c, &format!("={}+{}", a1(r, c + 1), a1(r, c + 2)), a + b)?;
            ws.write_number(r, c + 1, *a as f64)?;
            ws.write_number(r, c + 2, *b as f64)?;
            col_sums[3 * y] += a + b;
            col_sums[3 * y + 1] += a;
            col_sums[3 * y + 2] += b;
            tw += a;
            dp += b;
        }
        let c = 17u16;
        for (j, v) in [tw + dp, tw, dp].iter().enumerate() {
            let cells: Vec<String> = (0..5).map(|y| a1(r, 2 + 3 * y + j as u16)).collect();
            formula(ws, r, c + j as u16, &format!("={}", cells.join("+")), *v)?;
            col_sums[15 + j] += v;
        }
    }
    for c in 2..20u16 {
        let f = format!("=SUM({}:{})", a1(first, c), a1(first + 3, c));
        formula(ws, 4, c, &f, col_sums[(c - 2) as usize])?;
    }
    Ok(())
}

/// Amounts in đồng with no unit line anywhere.
fn dong_without_unit(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("Kinh phí")?;
    ws.write_string(0, 0, "KINH PHÍ TỔ CHỨC CÁC LỚP BỒI DƯỠNG")?;
    for (c, h) in ["STT", "Nội dung", "Năm 2024", "Năm 2025", "Năm 2026"].iter().enumerate() {
        ws.write_string(1, c as u16, *h)?;
    }
    let rows: [(&str, [i64; 3]); 3] = [
        ("Bồi dưỡng cán bộ quản lý", [45_000_000, 52_500_000, 60_000_000]),
        ("Tập huấn giáo viên cốt cán", [120_000_000, 98_500_000, 110_000_000]),
        ("In ấn tài liệu", [15_750_000, 16_000_000, 18_250_000]),
    ];
    for (i, (name, v)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_string(r, 1, *name)?;
        for (y, x) in v.iter().enumerate() {
            // Some offices type the amounts as text, grouped with dots.
            if i == 0 && y == 0 {
                ws.write_string(r, 2, "45.000.000")?;
            } else {
                ws.write_number(r, 2 + y as u16, *x as f64)?;
            }
        }
    }
    Ok(())
}

/// Labels typed in TCVN3 (`.VnTime`, capitals in `.VnTimeH`), the unit line and the total row
/// too, and a small scratch table under the signature.
fn tcvn3_labels(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("Bieu 01")?;
    let vn = Format::new().set_font_name(".VnTime");
    let vn_h = Format::new().set_font_name(".VnTimeH");
    ws.write_string_with_format(0, 0, tcvn3("ủy ban nhân dân tỉnh bắc kạn"), &vn_h)?;
    ws.write_string_with_format(1, 0, tcvn3("kế hoạch kinh phí xây dựng xã hội học tập"), &vn_h)?;
    ws.write_string_with_format(2, 4, tcvn3("Đơn vị: triệu đồng"), &vn)?;
    for (c, h) in ["STT", "Nội dung", "Năm 2013", "Năm 2014", "Năm 2015"].iter().enumerate() {
        ws.write_string_with_format(3, c as u16, tcvn3(h), &vn)?;
    }
    let lines: [(&str, [i64; 3]); 4] = [
        ("Tuyên truyền", [70, 70, 60]),
        ("Cơ sở vật chất, tài liệu", [400, 500, 500]),
        ("Đào tạo bồi dưỡng", [400, 500, 500]),
        ("Quản lý, chỉ đạo", [25, 25, 30]),
    ];
    for (i, (name, v)) in lines.iter().enumerate() {
        let r = 4 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_string_with_format(r, 1, tcvn3(name), &vn)?;
        for (y, x) in v.iter().enumerate() {
            ws.write_number(r, 2 + y as u16, *x as f64)?;
        }
    }
    ws.write_string_with_format(8, 1, tcvn3("tổng số"), &vn_h)?;
    for (y, v) in [895i64, 1095, 1090].iter().enumerate() {
        let c = 2 + y as u16;
        formula(ws, 8, c, &format!("=SUM({}:{})", a1(4, c), a1(7, c)), *v)?;
    }
    ws.write_string_with_format(10, 3, tcvn3("Bắc Kạn, ngày 15 tháng 3 năm 2013"), &vn)?;
    ws.write_string_with_format(11, 3, tcvn3("người lập biểu"), &vn_h)?;
    // A scratch table under the signature: not the plan.
    ws.write_string_with_format(15, 0, tcvn3("nháp"), &vn)?;
    ws.write_string(15, 1, "2013")?;
    ws.write_string(15, 2, "2014")?;
    ws.write_string_with_format(16, 0, tcvn3("thử"), &vn)?;
    ws.write_number(16, 1, 12.0)?;
    ws.write_number(16, 2, 13.0)?;
    Ok(())
}

/// Labels typed in VNI (`VNI-Times`): "Toång soá" is "Tổng số".
fn vni_labels(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("Bieu 02")?;
    let vni = Format::new().set_font_name("VNI-Times");
    ws.write_string_with_format(0, 0, "KEÁ HOAÏCH KINH PHÍ NAÊM 2024 - 2025", &vni)?;
    ws.write_string_with_format(1, 2, "Ñôn vò tính: trieäu ñoàng", &vni)?;
    for (c, h) in ["Noäi dung", "Naêm 2024", "Naêm 2025"].iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &vni)?;
    }
    let lines: [(&str, [i64; 2]); 3] =
        [("Tuyeân truyeàn", [120, 150]), ("Taäp huaán", [300, 320]), ("Mua saém thieát bò", [500, 450])];
    for (i, (name, v)) in lines.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string_with_format(r, 0, *name, &vni)?;
        ws.write_number(r, 1, v[0] as f64)?;
        ws.write_number(r, 2, v[1] as f64)?;
    }
    ws.write_string_with_format(6, 0, "Toång soá", &vni)?;
    formula(ws, 6, 1, "=SUM(B4:B6)", 920)?;
    formula(ws, 6, 2, "=SUM(C4:C6)", 920)?;
    Ok(())
}

/// A long list with a "Năm" column: a row per item and year, to be pivoted.
fn long_list(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("Danh sách")?;
    ws.write_string(0, 0, "Đơn vị tính: triệu đồng")?;
    for (c, h) in ["STT", "Nội dung", "Năm", "Số tiền"].iter().enumerate() {
        ws.write_string(1, c as u16, *h)?;
    }
    let rows: [(&str, i32, i64); 6] = [
        ("Tuyên truyền", 2024, 70),
        ("Tập huấn", 2024, 400),
        ("Tuyên truyền", 2025, 80),
        ("Tập huấn", 2025, 450),
        ("Tuyên truyền", 2025, 5),
        ("In tài liệu", 2026, 60),
    ];
    for (k, (name, year, v)) in rows.iter().enumerate() {
        let r = 2 + k as u32;
        ws.write_number(r, 0, (k + 1) as f64)?;
        ws.write_string(r, 1, *name)?;
        ws.write_number(r, 2, f64::from(*year))?;
        ws.write_number(r, 3, *v as f64)?;
    }
    Ok(())
}

/// A `Tổng (tỷ đồng)` column beside the triệu columns, rounded as offices round it.
fn total_in_billion(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("Phụ lục")?;
    ws.write_string(0, 0, "Đơn vị tính: triệu đồng")?;
    for (c, h) in ["Nội dung", "Năm 2024", "Năm 2025", "Tổng (tỷ đồng)"].iter().enumerate() {
        ws.write_string(1, c as u16, *h)?;
    }
    let rows: [(&str, [i64; 2]); 3] =
        [("Tuyên truyền", [1_200, 1_337]), ("Tập huấn", [400, 600]), ("Mua sắm thiết bị", [2_150, 3_275])];
    for (i, (name, v)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        ws.write_string(r, 0, *name)?;
        ws.write_number(r, 1, v[0] as f64)?;
        ws.write_number(r, 2, v[1] as f64)?;
        let billion = ((v[0] + v[1]) as f64 / 10.0).round() / 100.0;
        ws.write_formula(
            r,
            3,
            Formula::new(format!("=ROUND(({}+{})/1000,2)", a1(r, 1), a1(r, 2))).set_result(billion.to_string()),
        )?;
    }
    Ok(())
}

/// A flat ledger: a row per account, fund code, account code, amount; no years.
fn ledger(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("Sổ chi tiết")?;
    for (c, h) in ["Mã quỹ", "Tài khoản", "Tên tài khoản", "Số tiền"].iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    for k in 0..40u32 {
        ws.write_number(k + 1, 0, 12.0)?;
        ws.write_number(k + 1, 1, f64::from(2011 + k % 5))?;
        ws.write_string(k + 1, 2, format!("Chi tiết tài khoản {}", k + 1))?;
        ws.write_number(k + 1, 3, f64::from((k + 1) * 1_250_000))?;
    }
    Ok(())
}

/// Memo rows under lines: "Trong đó:" with items, "+ Trong đó: …" with figures.
fn memo_rows(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("Chi tiết")?;
    ws.write_string(0, 3, "Đơn vị tính: triệu đồng")?;
    for (c, h) in ["STT", "Nội dung", "Năm 2024", "Năm 2025"].iter().enumerate() {
        ws.write_string(1, c as u16, *h)?;
    }
    let rows: [(&str, &str, Option<[i64; 2]>); 7] = [
        ("1", "Chi sự nghiệp giáo dục", Some([500, 600])),
        ("", "Trong đó:", None),
        ("-", "Chi lương", Some([300, 350])),
        ("-", "Chi mua sắm", Some([50, 60])),
        ("2", "Chi sự nghiệp y tế", Some([200, 250])),
        ("", "+ Trong đó: chi cho tuyến xã", Some([80, 90])),
        ("", "Tổng cộng", Some([700, 850])),
    ];
    for (i, (code, name, v)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        if !code.is_empty() {
            ws.write_string(r, 0, *code)?;
        }
        ws.write_string(r, 1, *name)?;
        if let Some(v) = v {
            ws.write_number(r, 2, v[0] as f64)?;
            ws.write_number(r, 3, v[1] as f64)?;
        }
    }
    Ok(())
}

/// A hidden row holding money and a hidden column holding `#VALUE!`.
fn hidden(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("Kinh phí")?;
    ws.write_string(0, 0, "Đơn vị tính: triệu đồng")?;
    for (c, h) in ["Nội dung", "Năm 2024", "Tạm tính", "Năm 2025"].iter().enumerate() {
        ws.write_string(1, c as u16, *h)?;
    }
    let rows: [(&str, [i64; 2]); 3] =
        [("Tuyên truyền", [10, 20]), ("Phương án cũ (bỏ)", [999, 999]), ("Tập huấn", [30, 40])];
    for (i, (name, v)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        ws.write_string(r, 0, *name)?;
        ws.write_number(r, 1, v[0] as f64)?;
        ws.write_formula(r, 2, Formula::new(format!("={}*\"x\"", a1(r, 1))).set_result("#VALUE!"))?;
        ws.write_number(r, 3, v[1] as f64)?;
    }
    ws.set_row_hidden(3)?;
    ws.set_column_hidden(2)?;
    Ok(())
}

/// A budget sheet with an unrelated sheet whose rows name budgets ("Ngân sách tỉnh hỗ trợ"):
/// no funding source may come from it.
fn unrelated_rows(wb: &mut Workbook) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("Kinh phí")?;
    ws.write_string(0, 0, "Đơn vị tính: triệu đồng")?;
    for (c, h) in ["Nội dung", "Năm 2024", "Năm 2025"].iter().enumerate() {
        ws.write_string(1, c as u16, *h)?;
    }
    ws.write_string(2, 0, "Tuyên truyền")?;
    ws.write_number(2, 1, 100.0)?;
    ws.write_number(2, 2, 120.0)?;
    let other = wb.add_worksheet();
    other.set_name("Chi tiết chi")?;
    other.write_string(0, 0, "Khoản chi")?;
    other.write_string(0, 1, "Số tiền")?;
    other.write_string(1, 0, "Ngân sách tỉnh hỗ trợ mua sách")?;
    other.write_number(1, 1, 35.0)?;
    other.write_string(2, 0, "Huy động xã hội hóa in tài liệu")?;
    other.write_number(2, 1, 12.0)?;
    Ok(())
}

/// A hidden first sheet holding an old table, then the visible one: the visible one is read.
fn hidden_sheet_first(wb: &mut Workbook) -> Result<(), XlsxError> {
    for (name, hidden, base) in [("Bản cũ", true, 9_000.0), ("Kinh phí", false, 100.0)] {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        ws.write_string(0, 0, "Đơn vị tính: triệu đồng")?;
        for (c, h) in ["Nội dung", "Năm 2024", "Năm 2025"].iter().enumerate() {
            ws.write_string(1, c as u16, *h)?;
        }
        ws.write_string(2, 0, "Tuyên truyền")?;
        ws.write_number(2, 1, base)?;
        ws.write_number(2, 2, base + 20.0)?;
        if hidden {
            ws.set_hidden(true);
        }
    }
    wb.worksheet_from_index(1)?.set_active(true);
    Ok(())
}

/// 30,000 lines, as a large real ledger of tasks: `STT | Nội dung | Đơn vị thực hiện | 2021 …
/// 2025`, a total row at the bottom.
fn thirty_thousand(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("Danh mục")?;
    ws.write_string(0, 0, "Đơn vị tính: triệu đồng")?;
    for (c, h) in ["STT", "Nội dung", "Đơn vị thực hiện", "2021", "2022", "2023", "2024", "2025"].iter().enumerate()
    {
        ws.write_string(1, c as u16, *h)?;
    }
    let mut sums = [0i64; 5];
    for k in 0..30_000u32 {
        let r = 2 + k;
        ws.write_number(r, 0, f64::from(k + 1))?;
        ws.write_string(r, 1, format!("Hạng mục {}", k + 1))?;
        ws.write_string(r, 2, if k % 3 == 0 { "Sở Giáo dục và Đào tạo" } else { "UBND huyện" })?;
        for (y, s) in sums.iter_mut().enumerate() {
            let v = i64::from((k * 11 + y as u32 * 7) % 50 + 1);
            *s += v;
            ws.write_number(r, 3 + y as u16, v as f64)?;
        }
    }
    let total = 2 + 30_000;
    ws.write_string(total, 1, "Tổng cộng")?;
    for (y, s) in sums.iter().enumerate() {
        let c = 3 + y as u16;
        formula(ws, total, c, &format!("=SUM({}:{})", a1(2, c), a1(total - 1, c)), *s)?;
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join("offices");
    std::fs::create_dir_all(&dir)?;
    save(&dir, "tasks_agency_total_bottom.xlsx", |wb| tasks_with_agency(wb.add_worksheet()))?;
    save(&dir, "annual_estimate_kinds.xlsx", |wb| annual_estimate(wb.add_worksheet()))?;
    save(&dir, "district_estimate_dong.xlsx", |wb| district_estimate(wb.add_worksheet()))?;
    save(&dir, "medium_term_sources.xlsx", |wb| medium_term(wb.add_worksheet()))?;
    save(&dir, "dong_without_unit.xlsx", |wb| dong_without_unit(wb.add_worksheet()))?;
    save(&dir, "tcvn3_labels.xlsx", |wb| tcvn3_labels(wb.add_worksheet()))?;
    save(&dir, "total_in_billion.xlsx", |wb| total_in_billion(wb.add_worksheet()))?;
    save(&dir, "ledger_accounts.xlsx", |wb| ledger(wb.add_worksheet()))?;
    save(&dir, "memo_rows.xlsx", |wb| memo_rows(wb.add_worksheet()))?;
    save(&dir, "hidden_row_and_column.xlsx", |wb| hidden(wb.add_worksheet()))?;
    save(&dir, "unrelated_budget_rows.xlsx", unrelated_rows)?;
    save(&dir, "hidden_sheet_first.xlsx", hidden_sheet_first)?;
    save(&dir, "vni_labels.xlsx", |wb| vni_labels(wb.add_worksheet()))?;
    save(&dir, "long_list_with_years.xlsx", |wb| long_list(wb.add_worksheet()))?;
    save(&dir, "rows_30000.xlsx", |wb| thirty_thousand(wb.add_worksheet()))?;
    Ok(())
}
