//! The tables of a Word document's `word/document.xml`, read as XML events with quick-xml.
//!
//! Only the body's outermost tables are read (`w:tbl` not inside another): a table nested in a
//! cell is counted at that cell, its text left out. Text boxes, drawings and the fallback copies
//! of `mc:AlternateContent` are skipped, so no text is read twice. Each table keeps the body
//! paragraphs written just before it as its caption: at most four, since the previous table and
//! after the last paragraph of prose (sentences), so that headings and the unit line are kept and
//! the text of the section before is not. The first two paragraphs after a table are kept too:
//! a plan states the table's funding there.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::super::error::{Format, ImportError, SizeLimit};
use super::super::limits::{MAX_CELL_RECORDS, MAX_COLS, MAX_ROWS, MAX_SHEETS, MAX_TEXT_CHARS};

/// Most caption paragraphs kept before a table (the last ones written before it).
const MAX_CAPTION_LINES: usize = 4;
/// Longest caption paragraph kept, in characters.
const MAX_CAPTION_CHARS: usize = 300;
/// Most paragraphs kept after a table.
const MAX_AFTER_LINES: usize = 2;

/// How a cell takes part in a vertical merge (`w:vMerge`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VMerge {
    /// Not merged vertically.
    None,
    /// The first cell of a vertical merge (`w:val="restart"`).
    Restart,
    /// A cell continuing the merge above it.
    Continue,
}

/// One cell (`w:tc`) as written: where it starts, how many grid columns it spans, its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawCell {
    /// First grid column, 0-based.
    pub col: u32,
    /// Grid columns spanned (`w:gridSpan`), at least 1.
    pub span: u32,
    /// Its part in a vertical merge.
    pub vmerge: VMerge,
    /// Its paragraphs joined by newlines.
    pub text: String,
    /// Whether the text was cut at [`MAX_TEXT_CHARS`].
    pub clipped: bool,
    /// Tables nested in the cell (not read).
    pub nested: u32,
}

/// One outermost table of the document, as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct RawTable {
    /// The body paragraphs just before it, non-empty ones, oldest first.
    pub caption: Vec<String>,
    /// The first body paragraphs just after it (before any other table), non-empty ones: where a
    /// plan states the funding of the table ("Nguồn kinh phí: ngân sách Trung ương 40 % …").
    pub after: Vec<String>,
    /// Its rows (`w:tr`), each its cells.
    pub rows: Vec<Vec<RawCell>>,
}

impl RawTable {
    /// Grid columns used: the furthest a cell reaches.
    pub fn cols(&self) -> u32 {
        self.rows.iter().flatten().map(|c| c.col.saturating_add(c.span)).max().unwrap_or(0)
    }
}

/// What is being read.
#[derive(Default)]
struct State {
    tables: Vec<RawTable>,
    /// Open `w:tbl` elements.
    depth: u32,
    /// Open elements whose content is skipped (text boxes, drawings, fallbacks).
    skip: u32,
    /// Body paragraphs since the previous table.
    recent: Vec<String>,
    /// The table whose paragraphs after it are being read.
    after: Option<usize>,
    /// The paragraph being read, and how many `w:p` are open.
    para: String,
    para_depth: u32,
    /// Inside a run (`w:r`), inside its text (`w:t`).
    in_run: u32,
    in_text: bool,
    /// The cell being read (of the outermost table).
    cell: Option<RawCell>,
    /// Cell paragraphs read so far.
    cell_paras: Vec<String>,
    /// The next free grid column of the row being read.
    next_col: u32,
    /// Cells read in the whole document.
    cells: u64,
}

/// The `w:val` attribute (any prefix), as written: the values read (numbers, `restart`) hold no
/// entity.
fn val(e: &BytesStart<'_>) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == "val").map(|a| a.value.into_owned())
}

/// Elements whose content is not the body's text: text boxes (read again in their fallback),
/// drawings, embedded objects, and the fallback copy of alternate content.
fn skipped(name: &str) -> bool {
    matches!(name, "txbxContent" | "drawing" | "pict" | "object" | "Fallback" | "delText" | "instrText")
}

/// Whether a paragraph is body text rather than a heading or a unit line: sentences, longer than
/// a heading, ending with a full stop or a semicolon. The caption is what follows the last one.
fn is_prose(paragraph: &str) -> bool {
    paragraph.chars().count() > 80 && paragraph.trim_end().ends_with(['.', ';'])
}

impl State {
    fn table_too_large(&self, rows: u64, cols: u64, limit: SizeLimit) -> ImportError {
        ImportError::SheetTooLarge {
            sheet: super::table_name(self.tables.len().saturating_sub(1)),
            rows,
            cols,
            limit,
            extent: String::new(),
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), ImportError> {
        let local = e.local_name();
        let name: &str = local.as_ref();
        if self.skip > 0 || skipped(name) {
            if !empty {
                self.skip = self.skip.saturating_add(1);
            }
            return Ok(());
        }
        match name {
            "tbl" if !empty => {
                self.depth = self.depth.saturating_add(1);
                if self.depth == 1 {
                    if self.tables.len() >= MAX_SHEETS {
                        return Err(ImportError::TooManySheets { count: self.tables.len() + 1, limit: MAX_SHEETS });
                    }
                    let mut caption = std::mem::take(&mut self.recent);
                    if let Some(prose) = caption.iter().rposition(|p| is_prose(p)) {
                        caption.drain(..=prose);
                    }
                    self.tables.push(RawTable { caption, after: Vec::new(), rows: Vec::new() });
                    self.after = None;
                } else if let Some(cell) = self.cell.as_mut() {
                    cell.nested = cell.nested.saturating_add(1);
                }
            }
            "tr" if self.depth == 1 && !empty => {
                self.next_col = 0;
                let rows = self.tables.last().map_or(0, |t| t.rows.len());
                if rows >= MAX_ROWS as usize {
                    return Err(self.table_too_large(rows as u64 + 1, 0, SizeLimit::Rows));
                }
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Vec::new());
                }
            }
            "gridBefore" if self.depth == 1 => {
                let n = val(e).and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(0);
                self.next_col = self.next_col.saturating_add(n.min(MAX_COLS + 1));
            }
            "tc" if self.depth == 1 => {
                self.cells = self.cells.saturating_add(1);
                if self.cells > MAX_CELL_RECORDS {
                    return Err(self.table_too_large(0, 0, SizeLimit::CellRecords));
                }
                let cell = RawCell {
                    col: self.next_col,
                    span: 1,
                    vmerge: VMerge::None,
                    text: String::new(),
                    clipped: false,
                    nested: 0,
                };
                self.cell_paras.clear();
                if empty {
                    self.finish_cell(cell)?;
                } else {
                    self.cell = Some(cell);
                }
            }
            "gridSpan" if self.depth == 1 => {
                let n = val(e).and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(1);
                if let Some(cell) = self.cell.as_mut() {
                    cell.span = n.clamp(1, MAX_COLS + 1);
                }
            }
            "vMerge" if self.depth == 1 => {
                let restart = val(e).is_some_and(|v| v.trim() == "restart");
                if let Some(cell) = self.cell.as_mut() {
                    cell.vmerge = if restart { VMerge::Restart } else { VMerge::Continue };
                }
            }
            "p" if self.depth <= 1 && !empty => {
                self.para_depth = self.para_depth.saturating_add(1);
                if self.para_depth == 1 {
                    self.para.clear();
                }
            }
            "p" if self.depth <= 1 => self.end_paragraph(),
            "r" if !empty => self.in_run = self.in_run.saturating_add(1),
            "t" if !empty && self.in_run > 0 => self.in_text = true,
            "tab" if self.in_run > 0 => self.push_text(" "),
            "br" | "cr" if self.in_run > 0 => self.push_text("\n"),
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), ImportError> {
        if self.skip > 0 {
            if skipped(name) {
                self.skip = self.skip.saturating_sub(1);
            }
            return Ok(());
        }
        match name {
            "tbl" => {
                if self.depth == 1 {
                    self.recent.clear();
                    self.after = self.tables.len().checked_sub(1);
                }
                self.depth = self.depth.saturating_sub(1);
            }
            "tc" if self.depth == 1 => {
                if let Some(cell) = self.cell.take() {
                    self.finish_cell(cell)?;
                }
            }
            "p" if self.depth <= 1 => self.end_paragraph(),
            "r" => self.in_run = self.in_run.saturating_sub(1),
            "t" => self.in_text = false,
            _ => {}
        }
        Ok(())
    }

    /// A paragraph ends: into the cell being read, or among the body's recent paragraphs.
    fn end_paragraph(&mut self) {
        if self.para_depth > 1 {
            self.para_depth -= 1;
            return;
        }
        self.para_depth = 0;
        let text = std::mem::take(&mut self.para);
        if self.depth == 1 && self.cell.is_some() {
            self.cell_paras.push(text);
        } else if self.depth == 0 {
            let trimmed = text.trim();
            if !trimmed.is_empty() {
                let kept = crate::text::clip(trimmed, MAX_CAPTION_CHARS);
                if let Some(table) = self.after.and_then(|i| self.tables.get_mut(i)) {
                    if table.after.len() < MAX_AFTER_LINES {
                        table.after.push(kept.clone());
                    } else {
                        self.after = None;
                    }
                }
                self.recent.push(kept);
                if self.recent.len() > MAX_CAPTION_LINES {
                    self.recent.remove(0);
                }
            }
        }
    }

    fn push_text(&mut self, s: &str) {
        if self.skip > 0 || self.depth > 1 || self.para_depth == 0 {
            return;
        }
        // A paragraph longer than any cell keeps is not read further (the cell is cut anyway).
        if self.para.len() <= MAX_TEXT_CHARS.saturating_mul(4) {
            self.para.push_str(s);
        }
    }

    fn finish_cell(&mut self, mut cell: RawCell) -> Result<(), ImportError> {
        let text = std::mem::take(&mut self.cell_paras).join("\n");
        let text = text.trim_end_matches('\n').to_string();
        if text.chars().count() > MAX_TEXT_CHARS {
            cell.text = text.chars().take(MAX_TEXT_CHARS).collect();
            cell.clipped = true;
        } else {
            cell.text = text;
        }
        self.next_col = cell.col.saturating_add(cell.span);
        if self.next_col > MAX_COLS {
            let rows = self.tables.last().map_or(0, |t| t.rows.len()) as u64;
            return Err(self.table_too_large(rows, u64::from(self.next_col), SizeLimit::Columns));
        }
        let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) else { return Ok(()) };
        row.push(cell);
        Ok(())
    }
}

/// Reads the outermost tables of a `word/document.xml`, with their captions.
pub(crate) fn read_tables(xml: &str) -> Result<Vec<RawTable>, ImportError> {
    let damaged = |e: String| ImportError::Damaged { format: Format::Docx, detail: e };
    let mut reader = Reader::from_str(xml);
    let mut state = State::default();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => state.start(&e, false)?,
            Ok(Event::Empty(e)) => state.start(&e, true)?,
            Ok(Event::End(e)) => state.end(e.local_name().as_ref())?,
            Ok(Event::Text(t)) if state.in_text => state.push_text(&t.xml10_content()),
            Ok(Event::CData(t)) if state.in_text => state.push_text(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if state.in_text => {
                let named = quick_xml::escape::resolve_xml_entity(&r);
                match (named, r.resolve_char_ref()) {
                    (Some(s), _) => state.push_text(s),
                    (None, Ok(Some(ch))) => state.push_text(ch.encode_utf8(&mut [0u8; 4])),
                    _ => {}
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(damaged(format!("word/document.xml: {e}"))),
        }
    }
    Ok(state.tables)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn doc(body: &str) -> String {
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn reads_cells_spans_merges_and_captions() {
        let xml = doc(&format!(
            "{}{}{}<w:tbl><w:tblGrid/><w:tr>\
             <w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>{}</w:tc>\
             <w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>{}</w:tc></w:tr>\
             <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>{}</w:tc>\
             <w:tc><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c &amp; d</w:t></w:r></w:p>{}</w:tc></w:tr>\
             </w:tbl>{}",
            p("Một đoạn văn dài của phần trước, viết thành câu, không phải tiêu đề của bảng kinh phí bên dưới."),
            p("IV. Kinh phí"),
            p("Đơn vị tính: Triệu đồng"),
            p("Nội dung"),
            p("Năm"),
            p("2013"),
            p("second"),
            p("after")
        ));
        let tables = read_tables(&xml).unwrap();
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.caption, ["IV. Kinh phí", "Đơn vị tính: Triệu đồng"]);
        assert_eq!(t.after, ["after"]);
        assert_eq!(t.cols(), 3);
        assert_eq!(t.rows[0][0].vmerge, VMerge::Restart);
        assert_eq!((t.rows[0][1].col, t.rows[0][1].span), (1, 2));
        assert_eq!(t.rows[1][0].vmerge, VMerge::Continue);
        assert_eq!(t.rows[1][2].text, "a b\nc & d\nsecond");
    }

    #[test]
    fn nested_tables_are_noted_not_read() {
        let inner = format!("<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>", p("inner"));
        let xml = doc(&format!("<w:tbl><w:tr><w:tc>{}{inner}</w:tc></w:tr></w:tbl>", p("outer")));
        let tables = read_tables(&xml).unwrap();
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows[0][0].text, "outer");
        assert_eq!(tables[0].rows[0][0].nested, 1);
    }

    #[test]
    fn broken_xml_is_damaged_and_wide_rows_refused() {
        assert!(matches!(read_tables("<w:document><w:body></w:p>"), Err(ImportError::Damaged { .. })));
        let wide = doc("<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"100000\"/></w:tcPr></w:tc></w:tr></w:tbl>");
        assert!(matches!(read_tables(&wide), Err(ImportError::SheetTooLarge { limit: SizeLimit::Columns, .. })));
    }
}
