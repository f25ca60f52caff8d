//! The diagnostics of an import, each at its cell, in Vietnamese and English.

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Location};
use crate::locale::{Lang, Text, format_decimal};
use crate::model::{MoneyUnit, Year, YearRange};
use crate::text::clip;

/// Most diagnostics one import reports; the rest are counted in a last warning.
pub(crate) const MAX_DIAGNOSTICS: usize = 500;

/// Collects diagnostics for one sheet.
pub(crate) struct Report {
    sheet: String,
    /// Each diagnostic with its cell, to list them in reading order.
    list: Vec<((u32, u32), Diagnostic)>,
    dropped: usize,
    /// Cells the reader could not read (sorted): reported once, then invalid as amounts.
    unreadable: Vec<(u32, u32)>,
}

fn vi(d: Decimal) -> String {
    format_decimal(d, Lang::Vi)
}

fn en(d: Decimal) -> String {
    format_decimal(d, Lang::En)
}

impl Report {
    pub(crate) fn new(sheet: &str) -> Self {
        Self { sheet: sheet.to_string(), list: Vec::new(), dropped: 0, unreadable: Vec::new() }
    }

    fn at(&self, row: u32, col: u32) -> Location {
        Location::cell(&self.sheet, row, col)
    }

    fn push(&mut self, at: (u32, u32), d: Diagnostic) {
        if self.list.len() < MAX_DIAGNOSTICS {
            self.list.push((at, d));
        } else {
            self.dropped += 1;
        }
    }

    fn warn(&mut self, code: &'static str, (row, col): (u32, u32), text: Text) {
        let loc = self.at(row, col);
        self.push((row, col), Diagnostic::warning(code, loc, text));
    }

    /// All diagnostics in reading order (row, then column), with a last one counting those
    /// left out.
    pub(crate) fn finish(self) -> Vec<Diagnostic> {
        let mut list = self.list;
        list.sort_by_key(|(at, _)| *at);
        let mut list: Vec<Diagnostic> = list.into_iter().map(|(_, d)| d).collect();
        if self.dropped > 0 {
            let n = self.dropped;
            list.push(Diagnostic::warning(
                "too_many_diagnostics",
                Location::cell(&self.sheet, 0, 0),
                crate::text!(
                    "Còn {n} cảnh báo nữa không được liệt kê. Hãy sửa các lỗi trên rồi nhập lại.",
                    "{n} more warnings are not listed. Fix the ones above and import again."
                ),
            ));
        }
        list
    }

    pub(crate) fn no_table(&mut self, at: (u32, u32)) {
        let loc = self.at(at.0, at.1);
        let sheet = clip(&self.sheet, 60);
        self.push(at, Diagnostic::error(
            "no_table",
            loc, crate::text!("Không tìm thấy bảng kinh phí theo năm trong trang «{sheet}». Cần một cột «Năm» ghi các năm (2013, 2014 …) với mỗi nội dung chi một cột, hoặc một dòng tiêu đề ghi các năm («Năm 2013», «Năm 2014» …) với mỗi nội dung chi một dòng. Hãy chọn đúng trang, hoặc chỉ ra dòng tiêu đề.", "No budget table by year was found in sheet '{sheet}'. Expected either a 'Năm' (year) column listing years (2013, 2014 …) with one column per budget line, or a header row of years ('Năm 2013', 'Năm 2014' …) with one row per budget line. Choose the right sheet, or point at the header row.")));
    }

    pub(crate) fn no_lines(&mut self, at: (u32, u32)) {
        let loc = self.at(at.0, at.1);
        self.push(at, Diagnostic::error(
            "no_lines",
            loc, Text::fixed("Đã thấy các năm nhưng không thấy nội dung chi nào có số tiền. Hãy kiểm tra dòng tiêu đề và các cột (dòng) bị đánh dấu «không phải tiền».", "Years were found but no budget line with amounts. Check the header row and the columns (rows) marked 'not money'.")));
    }

    pub(crate) fn mismatch(&mut self, at: (u32, u32), stated: Decimal, sum: Decimal, subtotal: bool) {
        let diff = stated - sum;
        let code = if subtotal { "subtotal_mismatch" } else { "total_mismatch" };
        let (what_vi, what_en) = if subtotal { ("Cộng giai đoạn", "Subtotal") } else { ("Tổng", "Total") };
        self.warn(
            code,
            at, Text::new(format!(
                "{what_vi} ghi {} nhưng các ô được nhập cộng lại bằng {} (chênh {}). Kế hoạch dùng {}; hãy kiểm tra bảng gốc.",
                vi(stated),
                vi(sum),
                vi(diff),
                vi(sum)
            ), format!(
                "{what_en} states {} but the imported cells add up to {} (difference {}). The plan uses {}; check the original table.",
                en(stated),
                en(sum),
                en(diff),
                en(sum)
            )));
    }

    pub(crate) fn error_cell(&mut self, at: (u32, u32), value: &str) {
        let v = clip(value, 20);
        self.warn(
            "error_cell",
            at, crate::text!("Ô có lỗi công thức {v}: coi là ô trống. Hãy sửa công thức trong bảng gốc hoặc nhập số tiền sau khi nhập.", "The cell holds the formula error {v}: taken as empty. Fix the formula in the original, or enter the amount after importing."));
    }

    /// What the reader noted on the sheet: text cut short, cells it could not read, cells linked
    /// to other workbooks.
    pub(crate) fn read_notes(&mut self, grid: &crate::io::import::grid::SheetGrid) {
        for &(row, col) in grid.clipped() {
            self.clipped((row, col), crate::io::import::limits::MAX_TEXT_CHARS);
        }
        for m in grid.malformed() {
            self.malformed((m.row, m.col), &m.value, &m.kind);
            self.unreadable.push((m.row, m.col));
        }
        self.unreadable.sort_unstable();
        if let Some(l) = grid.linked() {
            self.linked(grid, l);
        }
    }

    /// Whether the reader could not read the cell at `at` (empty, but not a known nothing: sums
    /// over it are not cross-checked, as over an error cell).
    pub(crate) fn unreadable(&self, at: (u32, u32)) -> bool {
        !self.unreadable.is_empty() && self.unreadable.binary_search(&at).is_ok()
    }

    fn malformed(&mut self, at: (u32, u32), value: &str, kind: &str) {
        // How the value was stored: (as …, a noun) in both languages.
        let (as_vi, as_en, noun_vi, noun_en) = match kind {
            "b" => (
                "ghi là giá trị logic (TRUE/FALSE)",
                "as a logical value (TRUE/FALSE)",
                "một giá trị logic",
                "a logical value",
            ),
            "e" => ("ghi là mã lỗi", "as an error code", "một mã lỗi", "an error code"),
            "s" => (
                "ghi là số thứ tự của một chuỗi dùng chung",
                "as the number of a shared string",
                "số thứ tự của một chuỗi dùng chung",
                "the number of a shared string",
            ),
            "n" => ("ghi là số", "as a number", "một số", "a number"),
            _ => ("", "", "", ""),
        };
        let (what_vi, what_en) = match (value.is_empty(), noun_vi.is_empty()) {
            (false, _) => {
                let v = clip(value, 40);
                let (a_vi, a_en) = if as_vi.is_empty() {
                    (String::new(), String::new())
                } else {
                    (format!(" {as_vi}"), format!(" {as_en}"))
                };
                (
                    format!("Ô lưu giá trị «{v}»{a_vi}, không đọc được"),
                    format!("The cell stores '{v}'{a_en}, which cannot be read"),
                )
            }
            (true, false) => (
                format!("Giá trị lưu trong ô ({noun_vi}) bị hỏng"),
                format!("The value stored in the cell ({noun_en}) is damaged"),
            ),
            (true, true) => {
                ("Giá trị lưu trong ô bị hỏng".to_string(), "The value stored in the cell is damaged".to_string())
            }
        };
        self.warn(
            "malformed_cell",
            at,
            crate::text!(
                "{what_vi}: coi là ô trống. Hãy gõ lại ô này trong bảng gốc (hoặc nhập số tiền sau khi nhập).",
                "{what_en}: taken as empty. Retype the cell in the original (or enter the amount after importing)."
            ),
        );
    }

    fn linked(&mut self, grid: &crate::io::import::grid::SheetGrid, l: &crate::io::import::grid::LinkedCells) {
        let books: Vec<String> = l.books.iter().take(3).map(|b| clip(b, 60)).collect();
        let more = l.books.len().saturating_sub(3);
        let (books_vi, books_en) = match (books.is_empty(), more) {
            (true, _) => (String::new(), String::new()),
            (false, 0) => (format!(" ({})", books.join(", ")), format!(" ({})", books.join(", "))),
            (false, n) => {
                (format!(" ({} và {n} tệp khác)", books.join(", ")), format!(" ({} and {n} more)", books.join(", ")))
            }
        };
        let at = l.first.unwrap_or((grid.first_row(), grid.first_col()));
        let (vi, en) = match l.first {
            Some(first) => {
                let cell = crate::diagnostic::cell_ref(first.0, first.1);
                let n = l.cells;
                (
                    format!(
                        "{n} ô lấy số từ sổ làm việc khác{books_vi}, ô đầu tiên là {cell}: đã nhập các giá trị được lưu lần cuối tệp được mở cùng tệp liên kết, có thể đã cũ. Hãy kiểm tra chúng với tệp gốc."
                    ),
                    format!(
                        "{n} cells take their values from other workbooks{books_en}, the first at {cell}: the values imported are those saved when the links were last updated, and may be out of date. Check them against the linked files."
                    ),
                )
            }
            None => (
                format!(
                    "Sổ làm việc lấy số từ sổ làm việc khác{books_vi}: đã nhập các giá trị được lưu lần cuối, có thể đã cũ. Hãy kiểm tra các ô có công thức liên kết."
                ),
                format!(
                    "The workbook takes values from other workbooks{books_en}: the values imported are those last saved, and may be out of date. Check the cells whose formulas link to them."
                ),
            ),
        };
        self.warn("linked_values", at, Text::new(vi, en));
    }

    pub(crate) fn date_in_number_cell(&mut self, at: (u32, u32), date: &crate::io::import::grid::CellDate) {
        let (v, e) = (date.text(Lang::Vi), date.text(Lang::En));
        let (what_vi, what_en) =
            if date.duration { ("một khoảng thời gian", "a duration") } else { ("một ngày", "a date") };
        self.warn(
            "date_in_number_cell",
            at, crate::text!("Ô là {what_vi} ({v}), không phải số tiền: bỏ qua. Nếu đó là số tiền, hãy định dạng ô là Số (Number) trong bảng gốc rồi nhập lại.", "The cell is {what_en} ({e}), not an amount: skipped. If it is an amount, format the cell as Number in the original and import again."));
    }

    pub(crate) fn text_in_number_cell(&mut self, at: (u32, u32), text: &str) {
        let t = clip(text.trim(), 40);
        self.warn(
            "text_in_number_cell",
            at,
            crate::text!(
                "Ô ghi «{t}», không phải số tiền: bỏ qua. Hãy nhập số (ví dụ 1.095 hoặc 3,08).",
                "The cell holds '{t}', not an amount: skipped. Enter a number (for example 1.095 or 3,08)."
            ),
        );
    }

    pub(crate) fn ambiguous(&mut self, at: (u32, u32), text: &str, chosen: Decimal, other: Decimal) {
        let t = clip(text.trim(), 20);
        self.warn(
            "ambiguous_number",
            at, Text::new(format!(
                "«{t}» có thể là {} hoặc {}: đã hiểu là {}. Hãy kiểm tra, và gõ lại ô này dưới dạng số trong bảng gốc.",
                vi(chosen),
                vi(other),
                vi(chosen)
            ), format!(
                "'{t}' could be {} or {}: read as {}. Check it, and retype the cell as a number in the original.",
                en(chosen),
                en(other),
                en(chosen)
            )));
    }

    pub(crate) fn too_large(&mut self, at: (u32, u32), value: Decimal) {
        self.warn(
            "amount_too_large",
            at,
            Text::new(
                format!("Số {} quá lớn để là số tiền của kế hoạch: bỏ qua. Hãy kiểm tra đơn vị tính.", vi(value)),
                format!("{} is too large to be an amount of the plan: skipped. Check the unit.", en(value)),
            ),
        );
    }

    pub(crate) fn unnamed_line(&mut self, at: (u32, u32), name: &str) {
        self.warn(
            "unnamed_line",
            at,
            crate::text!(
                "Nội dung chi không có tên: đặt tên tạm «{name}». Hãy đổi tên sau khi nhập.",
                "A budget line has no name: named '{name}' for now. Rename it after importing."
            ),
        );
    }

    pub(crate) fn clipped(&mut self, at: (u32, u32), max: usize) {
        self.warn(
            "text_clipped",
            at,
            crate::text!(
                "Ô chữ dài quá {max} ký tự: đã cắt bớt.",
                "A text cell is longer than {max} characters: cut short."
            ),
        );
    }

    pub(crate) fn phase_overlap(&mut self, at: (u32, u32), name: &str, other: &str) {
        self.warn(
            "phase_overlap",
            at,
            Text::new(
                format!(
                    "Giai đoạn «{}» trùng năm với «{}». Hãy sửa năm của các giai đoạn.",
                    clip(name, 40),
                    clip(other, 40)
                ),
                format!(
                    "Phase '{}' shares years with '{}'. Correct the phases' years.",
                    clip(name, 40),
                    clip(other, 40)
                ),
            ),
        );
    }

    pub(crate) fn year_outside_phase(&mut self, at: (u32, u32), year: Year, name: &str, years: YearRange) {
        self.warn(
            "year_outside_phase",
            at,
            crate::text!(
                "Năm {year} nằm dưới «{}» nhưng giai đoạn ghi {}–{}. Hãy kiểm tra.",
                "Year {year} is listed under '{}' but the phase says {}–{}. Check it.",
                clip(name, 40),
                years.first,
                years.last
            ),
        );
    }

    pub(crate) fn unit_unknown(&mut self, at: (u32, u32), guess: MoneyUnit) {
        self.warn(
            "unit_unknown",
            at, Text::new(format!(
                "Bảng không ghi đơn vị tính. Theo độ lớn các số, có thể là {}; hãy chọn đơn vị tính trước khi mở bản nháp (nhầm đơn vị là sai gấp nghìn hay triệu lần).",
                guess.name().get(Lang::Vi)
            ), format!(
                "The table states no unit. From the size of the amounts it may be {}; choose the unit before opening the draft (a wrong unit is off a thousand or a million times).",
                guess.name().get(Lang::En)
            )));
    }

    pub(crate) fn field_unit(&mut self, at: (u32, u32), label: &str, unit: MoneyUnit, table: MoneyUnit, amounts: bool) {
        let l = clip(label, 40);
        let (u, t) = (unit.name(), table.name());
        let (u_vi, t_vi, u_en, t_en) = (u.get(Lang::Vi), t.get(Lang::Vi), u.get(Lang::En), t.get(Lang::En));
        if amounts {
            self.warn(
                "field_unit_converted",
                at,
                crate::text!(
                    "Cột «{l}» ghi bằng {u_vi}, khác đơn vị của bảng ({t_vi}): đã quy đổi chính xác.",
                    "Column '{l}' is in {u_en}, not the table's unit ({t_en}): converted exactly."
                ),
            );
        } else {
            self.warn(
                "field_unit_checked",
                at, crate::text!("Cột «{l}» ghi bằng {u_vi}, khác đơn vị của bảng ({t_vi}): chỉ dùng để đối chiếu (theo số lẻ của nó), không cộng vào kế hoạch.", "Column '{l}' is in {u_en}, not the table's unit ({t_en}): only cross-checked (to its own decimals), not added to the plan."));
        }
    }

    pub(crate) fn legacy(&mut self, at: (u32, u32), encoding: &str, cells: u32) {
        self.warn(
            "legacy_encoding",
            at, crate::text!("Chữ trong {cells} ô được gõ bằng bảng mã cũ {encoding}: đã chuyển sang Unicode. Hãy xem lại tên các dòng.", "Text in {cells} cells was typed in the legacy {encoding} encoding: converted to Unicode. Check the lines' names."));
    }

    /// Figures left out, with why.
    pub(crate) fn left_out(
        &mut self,
        at: (u32, u32),
        label: &str,
        count: u32,
        sum: Decimal,
        why_vi: &str,
        why_en: &str,
    ) {
        let l = clip(label.trim(), 50);
        let l = if l.is_empty() { "—".to_string() } else { l };
        self.warn(
            "left_out",
            at,
            Text::new(
                format!("«{l}»: {count} số (cộng lại {}) không được nhập: {why_vi}.", vi(sum)),
                format!("'{l}': {count} figures (adding up to {}) are not imported: {why_en}.", en(sum)),
            ),
        );
    }

    pub(crate) fn hidden(&mut self, at: (u32, u32), rows: u32, cols: u32, count: u32, sum: Decimal) {
        self.warn(
            "hidden_skipped",
            at, Text::new(format!(
                "{rows} hàng và {cols} cột bị ẩn trong bảng được bỏ qua; chúng có {count} số (cộng lại {}). Nếu cần, hãy bỏ ẩn trong tệp gốc rồi nhập lại.",
                vi(sum)
            ), format!(
                "{rows} hidden rows and {cols} hidden columns in the table are skipped; they hold {count} figures (adding up to {}). Unhide them in the original and import again if they are needed.",
                en(sum)
            )));
    }

    pub(crate) fn parent_mismatch(&mut self, at: (u32, u32), name: &str, field: &str, stated: Decimal, sum: Decimal) {
        let n = clip(name, 40);
        let f = clip(field, 30);
        if stated > sum {
            self.warn(
                "parent_mismatch",
                at, Text::new(format!(
                    "«{n}» ghi {} ở «{f}» nhưng các dòng con cộng lại {}: giữ số của bảng, phần chênh {} nằm ở dòng «Chưa chi tiết» dưới nó.",
                    vi(stated),
                    vi(sum),
                    vi(stated - sum)
                ), format!(
                    "'{n}' states {} under '{f}' but its lines add up to {}: the table's figure is kept, the difference {} in a line 'Chưa chi tiết' under it.",
                    en(stated),
                    en(sum),
                    en(stated - sum)
                )));
        } else {
            self.warn(
                "children_exceed",
                at, Text::new(format!(
                    "«{n}» ghi {} ở «{f}» nhưng các dòng con cộng lại {} (nhiều hơn {}): kế hoạch dùng tổng các dòng con; hãy kiểm tra bảng gốc.",
                    vi(stated),
                    vi(sum),
                    vi(sum - stated)
                ), format!(
                    "'{n}' states {} under '{f}' but its lines add up to {} ({} more): the plan uses its lines' sum; check the original.",
                    en(stated),
                    en(sum),
                    en(sum - stated)
                )));
        }
    }

    pub(crate) fn moved_up(&mut self, at: (u32, u32), name: &str, moved: usize) {
        let n = clip(name, 40);
        self.warn(
            "lines_moved_up",
            at, crate::text!("Các dòng con đầu của «{n}» đã đủ bằng số của nó; {moved} dòng sau được xếp ngang hàng với nó. Hãy kiểm tra cách đánh số.", "The first lines under '{n}' already add up to its figure; the {moved} lines after them are placed beside it. Check the numbering."));
    }

    pub(crate) fn parts_exceed(&mut self, at: (u32, u32), whole: Decimal, parts: Decimal) {
        self.warn(
            "parts_exceed_total",
            at,
            Text::new(
                format!("Tổng số ghi {} nhưng các nguồn cộng lại {}: hãy kiểm tra bảng gốc.", vi(whole), vi(parts)),
                format!("The total states {} but its sources add up to {}: check the original.", en(whole), en(parts)),
            ),
        );
    }

    pub(crate) fn unlabelled_total(&mut self, at: (u32, u32)) {
        self.warn(
            "unlabelled_total",
            at,
            Text::fixed(
                "Dòng không có tên này bằng tổng các dòng trên nó: coi là dòng tổng, không nhập thành nội dung chi.",
                "This unnamed row equals the sum of the rows above it: read as a total, not as a budget line.",
            ),
        );
    }

    pub(crate) fn ledger_pivoted(&mut self, at: (u32, u32), label: &str, amount: &str) {
        let (l, a) = (clip(label, 40), clip(amount, 40));
        self.warn(
            "ledger_pivoted",
            at, crate::text!("Bảng ghi mỗi hàng một khoản và một năm: đã gộp thành mỗi «{l}» một dòng, số tiền lấy từ cột «{a}» theo từng năm. Nếu cần gộp theo cột khác, hãy chọn cột tên dòng.", "The table has a row per item and year: read as one line per '{l}', amounts from column '{a}' by year. To group by another column, choose the names column."));
    }

    pub(crate) fn ledger(&mut self, at: (u32, u32), codes: &str, figures: &str) {
        let loc = self.at(at.0, at.1);
        self.push(at, Diagnostic::error(
            "ledger",
            loc, crate::text!("Trang này là một sổ kê theo tài khoản (mã: {codes}; số tiền: {figures}), không có năm nào. Kế hoạch cần số tiền theo năm: hãy dùng bảng có cột (hoặc hàng) cho từng năm, hoặc thêm cột «Năm» cho mỗi hàng.", "This sheet is a ledger of accounts (codes: {codes}; amounts: {figures}) with no years. A plan needs amounts by year: use a table with a column (or row) per year, or add a 'Năm' column to each row.")));
    }

    /// A funding note's amount that the share of the grand total does not give.
    pub(crate) fn stated_funding_differs(
        &mut self,
        at: (u32, u32),
        source: &str,
        pct: Decimal,
        stated: Decimal,
        share: Decimal,
        unit: MoneyUnit,
    ) {
        let name = unit.name();
        let text = Text::each(|lang| {
            let (pct, stated, share) = (
                format_decimal(pct, lang),
                format_decimal(stated, lang),
                format_decimal(share.round_dp(stated.scale().max(2)), lang),
            );
            let unit = name.get(lang);
            match lang {
                Lang::Vi => format!(
                    "Ghi chú ghi «{source}» {pct}%: {stated} {unit}, nhưng {pct}% tổng kinh phí của bảng là {share} {unit}. Hãy kiểm tra tỷ lệ hoặc số tiền."
                ),
                Lang::En => format!(
                    "The note gives '{source}' {pct}%: {stated} {unit}, but {pct}% of the table's total is {share} {unit}. Check the share or the amount."
                ),
            }
        });
        self.warn("stated_funding_differs", at, text);
    }

    pub(crate) fn no_year_columns(&mut self, at: (u32, u32), figures: &str) {
        let loc = self.at(at.0, at.1);
        let sheet = clip(&self.sheet, 60);
        self.push(at, Diagnostic::error(
            "no_year_columns",
            loc, crate::text!("Trang «{sheet}» có số liệu ở các cột {figures} nhưng không cột (hàng) nào ghi năm. Kế hoạch cần số tiền theo năm: hãy ghi năm vào tiêu đề cột («Dự toán năm 2025», «Năm 2025»), hoặc chọn trang khác.", "Sheet '{sheet}' has figures in columns {figures} but no column (or row) names a year. A plan needs amounts by year: write the year in the column headers ('Dự toán năm 2025', 'Năm 2025'), or choose another sheet.")));
    }

    pub(crate) fn several_columns(&mut self, at: (u32, u32), year: Year, labels: &[String]) {
        let loc = self.at(at.0, at.1);
        let list: Vec<String> = labels.iter().take(4).map(|l| format!("«{}»", clip(l, 40))).collect();
        let list = list.join(", ");
        self.push(at, Diagnostic::error(
            "several_columns_for_a_year",
            loc, crate::text!("Năm {year} có {} cột số liệu ({list}) mà không cột nào ghi là tổng số hay một nguồn: không biết cột nào là số tiền của năm. Hãy đánh dấu «bỏ qua» các cột không phải số tiền kế hoạch.", "Year {year} has {} columns of figures ({list}), none of them its total or a source: which one is the year's money cannot be told. Mark the columns that are not the plan's money as 'skip'.", labels.len())));
    }
}
