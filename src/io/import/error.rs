//! Why a spreadsheet (or a Word document's tables) cannot be imported at all, in words a planner
//! can act on.

use crate::locale::{Lang, Message, Text};

/// The formats the import reads: spreadsheets, and the tables of a Word document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Excel 2007 and later (`.xlsx`).
    Xlsx,
    /// Excel 2007 and later with a VBA project (`.xlsm`); read like `.xlsx`, macros are ignored.
    /// A macro-enabled package without a VBA project is reported as [`Format::Xlsx`].
    Xlsm,
    /// Excel binary workbook (`.xlsb`).
    Xlsb,
    /// Excel 97–2003 (`.xls`).
    Xls,
    /// OpenDocument spreadsheet (`.ods`, LibreOffice).
    Ods,
    /// Word 2007 and later (`.docx`): its tables are read as sheets (`super::docx`);
    /// [`super::open_workbook`] refuses it as [`FileKind::Word`].
    Docx,
}

impl Format {
    /// The usual file extension, with its dot: `.xlsx`.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Xlsx => ".xlsx",
            Self::Xlsm => ".xlsm",
            Self::Xlsb => ".xlsb",
            Self::Xls => ".xls",
            Self::Ods => ".ods",
            Self::Docx => ".docx",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.extension())
    }
}

/// What a file that is not a spreadsheet appears to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// A PDF document.
    Pdf,
    /// A Word document (`.doc`; a `.docx` is imported by [`super::import`], only
    /// [`super::open_workbook`] refuses it).
    Word,
    /// A PowerPoint presentation.
    Presentation,
    /// An OpenDocument file that is not a spreadsheet (text, drawing …).
    OtherOpenDocument,
    /// A web page, as some systems save "Excel" exports.
    Html,
    /// Plain text, such as CSV.
    Text,
    /// A picture.
    Image,
    /// Nothing recognisable.
    Unknown,
}

/// Which size limit a sheet exceeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SizeLimit {
    /// More rows than [`super::limits::MAX_ROWS`].
    Rows,
    /// More columns than [`super::limits::MAX_COLS`].
    Columns,
    /// A used range larger than [`super::limits::MAX_CELLS`].
    Cells,
    /// More cell records than [`super::limits::MAX_CELL_RECORDS`], empty formatted cells included
    /// (they do not widen the used range, but each one is read).
    CellRecords,
    /// With the sheets before it, more cells than [`super::limits::MAX_OPEN_RANGE_CELLS`] in an
    /// `.xls` or `.ods` workbook (whose readers hold every sheet whole), or with the tables before
    /// it in a `.docx` (each table's grid may be built more than once).
    Workbook,
}

/// What makes a zip package unpack too large.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unpacked {
    /// One part is larger than its limit ([`super::limits::MAX_SHEET_PART_BYTES`] for a sheet,
    /// [`super::limits::MAX_PART_BYTES`] for another part a reader parses).
    PartSize(u64),
    /// One part unpacks more than [`super::limits::MAX_PACKING_RATIO`] times its packed size.
    PartRatio,
    /// All parts together are larger than [`super::limits::MAX_UNPACKED_BYTES`].
    TotalSize(u64),
    /// All parts together unpack more than [`super::limits::MAX_PACKING_RATIO`] times the file.
    TotalRatio,
}

/// Why a file or a sheet cannot be imported. [`ImportError::message`] explains it to a planner.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file holds no bytes.
    #[error("the file is empty")]
    EmptyFile,
    /// The file is larger than [`super::limits::MAX_FILE_BYTES`].
    #[error("the file is {bytes} bytes, more than the limit of {limit} bytes")]
    FileTooLarge {
        /// Size of the file.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The file is not a spreadsheet.
    #[error("the file is not a spreadsheet ({found:?})")]
    NotASpreadsheet {
        /// What it appears to be instead.
        found: FileKind,
    },
    /// The file is a spreadsheet of a known format but cannot be read (truncated, corrupted).
    #[error("the {format} file is damaged: {detail}")]
    Damaged {
        /// The format it claims to be.
        format: Format,
        /// Technical detail from the reader, for a support request.
        detail: String,
    },
    /// The workbook is protected by a password to open.
    #[error("the workbook is password-protected")]
    Encrypted,
    /// The workbook has no worksheet holding cells (only charts, or none at all).
    #[error("the workbook has no worksheet")]
    NoWorksheet,
    /// The Word document holds no table.
    #[error("the document has no table")]
    NoTables,
    /// No sheet has the requested name.
    #[error("no sheet named '{0}'")]
    SheetNotFound(String),
    /// The sheet's used range is beyond the import's limits.
    #[error("sheet '{sheet}' is too large ({rows} rows × {cols} columns; limit exceeded: {limit:?})")]
    SheetTooLarge {
        /// The sheet.
        sheet: String,
        /// Rows of its used range (as far as read).
        rows: u64,
        /// Columns of its used range (as far as read).
        cols: u64,
        /// The limit exceeded.
        limit: SizeLimit,
        /// The cells' real extent as far as read, in A1 style (`A1:XFD7`); empty when no cell
        /// holds a value.
        extent: String,
    },
    /// The zip package would unpack to more than the import reads (a "zip bomb", or parts no
    /// budget workbook needs): refused from its directory, before anything is unpacked.
    #[error("the file would unpack to {bytes} bytes from {packed} ({limit:?}; part {part:?})")]
    UnpackedTooLarge {
        /// The part (`xl/worksheets/sheet1.xml`), or `None` for the package as a whole.
        part: Option<String>,
        /// The sheet stored in that part, when known.
        sheet: Option<String>,
        /// Its unpacked size as declared.
        bytes: u64,
        /// Its packed size.
        packed: u64,
        /// The limit exceeded.
        limit: Unpacked,
    },
    /// The workbook has more sheets than [`super::limits::MAX_SHEETS`].
    #[error("the workbook has {count} sheets, more than {limit}")]
    TooManySheets {
        /// Sheets of the workbook.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// The workbook's shared strings are more than [`super::limits::MAX_SHARED_STRINGS`].
    #[error("the workbook has {count} shared strings, more than {limit}")]
    TooManyStrings {
        /// Strings declared or found (as far as counted).
        count: u64,
        /// The limit.
        limit: u64,
    },
}

impl ImportError {
    /// Stable machine code, e.g. `not_a_spreadsheet`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EmptyFile => "empty_file",
            Self::FileTooLarge { .. } => "file_too_large",
            Self::NotASpreadsheet { .. } => "not_a_spreadsheet",
            Self::Damaged { .. } => "damaged",
            Self::Encrypted => "encrypted",
            Self::NoWorksheet => "no_worksheet",
            Self::NoTables => "no_tables",
            Self::SheetNotFound(_) => "sheet_not_found",
            Self::SheetTooLarge { .. } => "sheet_too_large",
            Self::UnpackedTooLarge { .. } => "unpacked_too_large",
            Self::TooManySheets { .. } => "too_many_sheets",
            Self::TooManyStrings { .. } => "too_many_strings",
        }
    }

    /// As an error diagnostic located at `file` (the file's or sheet's name), in both languages.
    pub fn to_diagnostic(&self, file: &str) -> crate::diagnostic::Diagnostic {
        crate::diagnostic::Diagnostic::error(
            self.code(),
            crate::diagnostic::Location::File(file.to_string()),
            self.to_text(),
        )
    }

    /// The message in both languages, its figures written in `lang`'s style.
    fn say(&self, lang: Lang) -> Text {
        use super::limits::{MAX_CELL_RECORDS, MAX_CELLS, MAX_COLS, MAX_OPEN_RANGE_CELLS, MAX_ROWS};
        let mb = |b: usize| b.div_ceil(1_048_576);
        match self {
            Self::EmptyFile => crate::locale::Text::fixed(
                "Tệp trống (0 byte). Hãy chọn lại tệp Excel đã lưu.",
                "The file is empty (0 bytes). Choose the saved Excel file again.",
            ),
            Self::FileTooLarge { bytes, limit } => crate::text!(
                "Tệp nặng {} MB, vượt giới hạn {} MB. Hãy chép riêng bảng kinh phí sang một tệp mới rồi nhập tệp đó.",
                "The file is {} MB, more than the {} MB limit. Copy the budget table alone into a new workbook and import that.",
                mb(*bytes),
                mb(*limit)
            ),
            Self::NotASpreadsheet { found } => {
                let (what_vi, what_en) = match found {
                    FileKind::Pdf => ("một tệp PDF", "a PDF document"),
                    FileKind::Word => ("một văn bản Word", "a Word document"),
                    FileKind::Presentation => ("một bản trình chiếu", "a presentation"),
                    FileKind::OtherOpenDocument => (
                        "một văn bản OpenDocument, không phải bảng tính",
                        "an OpenDocument file that is not a spreadsheet",
                    ),
                    FileKind::Html => {
                        ("một trang web (HTML) mang đuôi Excel", "a web page (HTML) named like an Excel file")
                    }
                    FileKind::Text => ("một tệp văn bản (có thể là CSV)", "a text file (perhaps CSV)"),
                    FileKind::Image => ("một tệp ảnh", "a picture"),
                    FileKind::Unknown => ("không phải bảng tính", "not a spreadsheet"),
                };
                crate::text!(
                    "Tệp này là {what_vi}. Hãy mở bảng kinh phí bằng Excel hoặc LibreOffice rồi lưu dạng .xlsx (Excel Workbook) và nhập lại.",
                    "This file is {what_en}. Open the budget table in Excel or LibreOffice, save it as .xlsx (Excel Workbook) and import that."
                )
            }
            // The reader's detail is technical English: the English message keeps it for a
            // support request; the Vietnamese one stays wholly Vietnamese.
            Self::Damaged { format, detail } => crate::locale::Text::new(
                format!(
                    "Tệp {format} bị hỏng hoặc chưa tải về hết, không đọc được. Hãy tải lại tệp, hoặc mở bằng Excel rồi lưu lại thành tệp mới."
                ),
                format!(
                    "The {format} file is damaged or incompletely downloaded and cannot be read ({}). Download it again, or open it in Excel and save it as a new file.",
                    crate::text::clip(detail, 120)
                ),
            ),
            Self::Encrypted => crate::locale::Text::fixed(
                "Tệp được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu: để trống), lưu lại rồi nhập.",
                "The workbook is protected by a password. Open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password: leave empty), save and import again.",
            ),
            Self::NoWorksheet => crate::locale::Text::fixed(
                "Sổ làm việc không có trang tính nào chứa ô dữ liệu (chỉ có biểu đồ). Hãy nhập tệp có bảng kinh phí.",
                "The workbook has no worksheet with cells (only charts). Import the file that holds the budget table.",
            ),
            Self::NoTables => crate::locale::Text::fixed(
                "Văn bản Word này không có bảng nào. Bảng kinh phí phải là một bảng của Word (Chèn › Bảng), không phải chữ căn bằng dấu cách hay tab; hoặc hãy nhập tệp Excel của bảng.",
                "This Word document holds no table. The budget table must be a Word table (Insert › Table), not text aligned with spaces or tabs; or import the table's Excel file.",
            ),
            Self::SheetNotFound(name) => crate::text!(
                "Không có trang tính tên «{}». Hãy chọn một trang trong danh sách.",
                "There is no sheet named '{}'. Choose one from the list.",
                crate::text::clip(name, 60)
            ),
            Self::SheetTooLarge { sheet, rows, cols, limit, extent } => {
                let sheet = crate::text::clip(sheet, 60);
                let (lim_vi, lim_en) = match limit {
                    SizeLimit::Rows => (format!("tối đa {MAX_ROWS} dòng"), format!("at most {MAX_ROWS} rows")),
                    SizeLimit::Columns => (format!("tối đa {MAX_COLS} cột"), format!("at most {MAX_COLS} columns")),
                    SizeLimit::Cells => (format!("tối đa {MAX_CELLS} ô"), format!("at most {MAX_CELLS} cells")),
                    SizeLimit::Workbook => (
                        format!(
                            "cùng các trang (bảng) trước nó, tối đa {MAX_OPEN_RANGE_CELLS} ô cho cả sổ làm việc .xls, .ods hoặc văn bản .docx"
                        ),
                        format!(
                            "with the sheets (tables) before it, at most {MAX_OPEN_RANGE_CELLS} cells in an .xls or .ods workbook or a .docx document"
                        ),
                    ),
                    SizeLimit::CellRecords => (
                        format!("tối đa {MAX_CELL_RECORDS} ô được lưu, kể cả ô trống có định dạng"),
                        format!("at most {MAX_CELL_RECORDS} stored cells, formatted empty ones included"),
                    ),
                };
                let (where_vi, where_en) = match extent.split_once(':') {
                    Some((a, b)) => (
                        format!(" Các ô có giá trị trải từ {a} đến {b}."),
                        format!(" Its cells with values reach from {a} to {b}."),
                    ),
                    None => (String::new(), String::new()),
                };
                crate::text!(
                    "Trang «{sheet}» quá lớn ({rows} dòng × {cols} cột; {lim_vi}).{where_vi} Có thể có ô lạc ở xa bảng: hãy xóa các dòng, cột thừa hoặc chép riêng bảng kinh phí sang một trang mới.",
                    "Sheet '{sheet}' is too large ({rows} rows × {cols} columns; {lim_en}).{where_en} There may be stray cells far from the table: delete the extra rows and columns, or copy the budget table alone into a new sheet."
                )
            }
            Self::UnpackedTooLarge { part, sheet, bytes, packed, limit } => {
                let (size, from) = (size_text(*bytes, lang), size_text(*packed, lang));
                let what_vi = match (part, sheet) {
                    (Some(p), Some(s)) => format!("Phần «{}» của tệp (trang «{}»)", clip(p, 60), clip(s, 60)),
                    (Some(p), None) => format!("Phần «{}» của tệp", clip(p, 60)),
                    _ => "Tệp".to_string(),
                };
                let what_en = match (part, sheet) {
                    (Some(p), Some(s)) => format!("Part '{}' of the file (sheet '{}')", clip(p, 60), clip(s, 60)),
                    (Some(p), None) => format!("Part '{}' of the file", clip(p, 60)),
                    _ => "The file".to_string(),
                };
                let ratio = super::limits::MAX_PACKING_RATIO;
                let (limit_vi, limit_en) = match limit {
                    Unpacked::PartSize(max) | Unpacked::TotalSize(max) => (
                        format!("giới hạn là {}", size_text(*max, lang)),
                        format!("the limit is {}", size_text(*max, lang)),
                    ),
                    Unpacked::PartRatio | Unpacked::TotalRatio => (
                        format!(
                            "gấp {} lần khi nén ({from}), bảng tính thật chỉ nén được tối đa khoảng {ratio} lần",
                            bytes / (*packed).max(1)
                        ),
                        format!(
                            "{} times its packed size ({from}); real spreadsheets pack at most about {ratio} times",
                            bytes / (*packed).max(1)
                        ),
                    ),
                };
                crate::text!(
                    "{what_vi} sẽ nặng {size} khi giải nén; {limit_vi}. Tệp bị hỏng hoặc được tạo ra để làm treo máy (zip bomb): không nhập. Nếu đây là bảng kinh phí thật, hãy mở bằng Excel, chép riêng bảng kinh phí sang một tệp mới rồi nhập tệp đó.",
                    "{what_en} would be {size} once unpacked; {limit_en}. The file is damaged or made to freeze the computer (a zip bomb): not imported. If it is a real budget workbook, open it in Excel, copy the budget table alone into a new workbook and import that."
                )
            }
            Self::TooManySheets { count, limit } => crate::text!(
                "Sổ làm việc có {count} trang tính, vượt giới hạn {limit} trang. Hãy chép trang có bảng kinh phí sang một tệp mới rồi nhập tệp đó.",
                "The workbook has {count} sheets, more than the limit of {limit}. Copy the sheet holding the budget table into a new workbook and import that."
            ),
            Self::TooManyStrings { count, limit } => crate::text!(
                "Sổ làm việc có ít nhất {count} chuỗi chữ dùng chung, vượt giới hạn {limit}. Hãy chép riêng bảng kinh phí sang một tệp mới rồi nhập tệp đó.",
                "The workbook has at least {count} shared text strings, more than the limit of {limit}. Copy the budget table alone into a new workbook and import that."
            ),
        }
    }
}

/// A size in bytes for a message: `1,0 GB`, `256 MB`, `12 KB` (binary units, one decimal below
/// ten, in the language's style; a unit from 1,000 of the one below it).
pub(crate) fn size_text(bytes: u64, lang: Lang) -> String {
    use rust_decimal::Decimal;
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")];
    for (size, unit) in UNITS {
        // From 1,000 of the unit below on (1,020 MB reads 1,0 GB).
        if bytes >= size / 1024 * 1000 {
            let value = Decimal::from(bytes) / Decimal::from(size);
            let places = if value < Decimal::TEN { 1 } else { 0 };
            return format!("{} {unit}", crate::locale::format_fixed(value, lang, places));
        }
    }
    match lang {
        Lang::Vi => format!("{bytes} byte"),
        Lang::En => format!("{bytes} bytes"),
    }
}

fn clip(text: &str, max: usize) -> String {
    crate::text::clip(text, max)
}

impl Message for ImportError {
    /// What is wrong and what to do.
    fn text(&self, lang: Lang) -> String {
        self.say(lang).into_string(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_planners_write_them() {
        assert_eq!(size_text(1 << 30, Lang::Vi), "1,0 GB");
        assert_eq!(size_text(1_069_547_520, Lang::En), "1.0 GB");
        assert_eq!(size_text(256 << 20, Lang::Vi), "256 MB");
        assert_eq!(size_text(3 << 19, Lang::Vi), "1,5 MB");
        assert_eq!(size_text(12 << 10, Lang::En), "12 KB");
        assert_eq!(size_text(900, Lang::Vi), "900 byte");
    }
}
