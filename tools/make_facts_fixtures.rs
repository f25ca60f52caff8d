//! Writes `fixtures/facts/hidden_rows_cols_fonts.xlsx`, the workbook of the sheet-facts tests
//! (`src/io/import/facts.rs`): hidden rows and columns, and text cells in legacy Vietnamese fonts.
//!
//! Run: `scripts/fixtures/make_facts.sh` (this tool, then LibreOffice for the `.xls` files).
//! What each cell holds is listed in `fixtures/README.md`; the tests check exactly that.

use rust_xlsxwriter::{Format, Formula, Workbook, XlsxError};

fn main() -> Result<(), XlsxError> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/facts");
    std::fs::create_dir_all(&dir).map_err(XlsxError::IoError)?;
    let font = |name: &str| Format::new().set_font_name(name);

    let mut book = Workbook::new();

    // A first sheet, so that the second one's record offsets and name are really looked up.
    let cover = book.add_worksheet().set_name("Bìa")?;
    cover.write_string(0, 0, "Bìa")?;
    cover.write_string(0, 2, "Cột C")?;
    cover.set_column_hidden(1)?;

    let sheet = book.add_worksheet().set_name("Tổng hợp")?;
    sheet.write_string_with_format(0, 0, "TæNG HîP", &font(".VnTimeH"))?;
    sheet.write_string_with_format(1, 0, "Tæng sè", &font(".VnTime"))?;
    sheet.write_number_with_format(1, 1, 5400, &font(".VnTime"))?;
    sheet.write_formula_with_format(1, 2, Formula::new("=A2&\" (TCVN3)\""), &font(".VnArial Narrow"))?;
    sheet.set_formula_result(1, 2, "Tæng sè (TCVN3)");
    sheet.write_string_with_format(2, 0, "Toång soá", &font("VNI-Times"))?;
    sheet.write_string(3, 0, "Ghi chú")?;
    sheet.write_string(4, 0, "Hàng ẩn 5")?;
    sheet.write_number(5, 0, 6)?;
    sheet.write_string_with_format(6, 0, "tæng céng", &font(".vntime"))?;
    sheet.write_string(10, 0, "Hàng ẩn 11")?;
    sheet.write_string_with_format(11, 0, "Cuèi", &font(".VnTime"))?;
    sheet.write_number(0, 9, 10)?;
    sheet.set_row_hidden(4)?.set_row_hidden(5)?.set_row_hidden(10)?;
    sheet.set_column_hidden(3)?.set_column_range_hidden(5, 7)?;

    let path = dir.join("hidden_rows_cols_fonts.xlsx");
    book.save(&path)?;
    println!("wrote {}", path.display());
    Ok(())
}
