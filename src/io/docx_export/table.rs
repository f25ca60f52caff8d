//! Word tables: a table's columns and rows, laid out on the page (the columns' widths from their
//! figures, landscape when there are many, split into several tables side by side when there are
//! too many for one page's width), written as WordprocessingML with the header rows repeated on
//! every page (`w:tblHeader`).

use std::fmt::Write as _;

use super::package::{Align, Body, Orientation, Para, run};

/// Columns that fit a portrait page; a table with more is set in landscape.
const PORTRAIT_COLUMNS: usize = 8;
/// Most columns of one table in landscape (the key columns included): beyond, the other columns
/// are split into several tables, each repeating the key columns.
const LANDSCAPE_COLUMNS: usize = 16;
/// Cell margins at the left and right, in twips (1 mm).
const CELL_MARGIN: u32 = 57;
/// The narrowest a column sized to its figures is, in twips.
const MIN_FIT: u32 = 560;
/// The narrowest a column of text is, in twips.
const MIN_SHARE: u32 = 1100;
/// The most a key column of text (the lines' names) claims before the figures, in twips (6 cm).
const MAX_KEY: u32 = 3400;
/// The header's background, and the subtotals' (the xlsx export's colours).
const HEAD_FILL: &str = "E6EEF8";
const SUBTOTAL_FILL: &str = "EEF4FB";

/// How wide a column is.
#[derive(Debug, Clone, Copy)]
pub(super) enum Width {
    /// As wide as its longest figure (or its header's longest word).
    Fit,
    /// A share of the width the fitted columns leave.
    Share(u32),
}

/// A column: its heading, the band above it (a phase over its years), how its cells align.
#[derive(Debug, Clone)]
pub(super) struct Column {
    pub head: String,
    /// The band heading above this column, spanning the adjacent columns with the same band;
    /// `None`: the heading spans both header rows. The number tells apart bands of equal text.
    pub band: Option<(usize, String)>,
    pub align: Align,
    pub width: Width,
    /// Repeated in each table when the columns are split over several.
    pub key: bool,
    /// Bold on a light background (a phase's subtotal).
    pub shade: bool,
}

impl Column {
    pub(super) fn text(head: impl Into<String>, share: u32) -> Self {
        Column {
            head: head.into(),
            band: None,
            align: Align::Left,
            width: Width::Share(share),
            key: false,
            shade: false,
        }
    }

    pub(super) fn figure(head: impl Into<String>) -> Self {
        Column { head: head.into(), band: None, align: Align::Right, width: Width::Fit, key: false, shade: false }
    }

    pub(super) fn key(mut self) -> Self {
        self.key = true;
        self
    }

    pub(super) fn centred(mut self) -> Self {
        self.align = Align::Center;
        self
    }
}

/// How a row looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    /// A group or total: bold.
    Bold,
    /// A subtotal: bold on a light background.
    Subtotal,
    /// One cell across the table, bold (an area of targets, a group of tasks).
    Heading,
}

/// A cell: its paragraphs, indented by `indent` levels in the first column of text.
#[derive(Debug, Clone, Default)]
pub(super) struct Cell {
    pub paras: Vec<String>,
    pub indent: u8,
}

impl Cell {
    pub(super) fn list(items: impl IntoIterator<Item = String>) -> Self {
        Cell { paras: items.into_iter().filter(|s| !s.trim().is_empty()).collect(), indent: 0 }
    }

    fn chars(&self) -> usize {
        self.paras.iter().flat_map(|p| p.split('\n')).map(|l| l.chars().count()).max().unwrap_or(0)
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell { paras: vec![text], indent: 0 }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell { paras: vec![text.to_string()], indent: 0 }
    }
}

/// A row: one cell per column (a heading row: one cell).
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub cells: Vec<Cell>,
    pub style: Style,
}

/// A table before it is laid out on the page.
#[derive(Debug, Clone, Default)]
pub(super) struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Table {
    /// The orientation the table needs: landscape for more than [`PORTRAIT_COLUMNS`] columns or
    /// figures too wide for a portrait page.
    pub(super) fn orientation(&self) -> Orientation {
        let wide = self.columns.len() > PORTRAIT_COLUMNS
            || self.least_widths(22).iter().sum::<u32>() > Orientation::Portrait.text_width();
        if wide { Orientation::Landscape } else { Orientation::Portrait }
    }

    /// The font size of the table's text, in half-points: 12 pt, 11 pt where wide.
    fn size(&self, orientation: Orientation) -> u32 {
        if orientation == Orientation::Landscape || self.columns.len() > 6 { 22 } else { 24 }
    }

    /// Writes the table (as several, the key columns repeated in each, when its columns do not
    /// fit the page's width), each followed by an empty paragraph. `continued`: the caption
    /// between the parts.
    pub(super) fn write(&self, body: &mut Body, continued: &str) {
        let orientation = body.orientation();
        let size = self.size(orientation);
        let width = orientation.text_width();
        let limit = if orientation == Orientation::Landscape { LANDSCAPE_COLUMNS } else { PORTRAIT_COLUMNS };
        let least = self.least_widths(size);
        let keys: Vec<usize> = (0..self.columns.len()).filter(|&c| self.columns[c].key).collect();
        let keys_width: u32 = keys.iter().map(|&c| least[c]).sum();
        let room = limit.saturating_sub(keys.len()).max(1);
        // The other columns in order, as many to a part as fit beside the key columns.
        let mut chunks: Vec<Vec<usize>> = vec![Vec::new()];
        let mut used = keys_width;
        for c in (0..self.columns.len()).filter(|&c| !self.columns[c].key) {
            let chunk = chunks.last_mut().expect("a part");
            if !chunk.is_empty() && (chunk.len() >= room || used + least[c] > width) {
                // Break after the last band (a phase and its subtotal) that ends in the second
                // half of the part, if any, rather than inside it.
                let ends =
                    |k: usize| chunk.get(k + 1).is_some_and(|&n| self.columns[n].band != self.columns[chunk[k]].band);
                let at = (chunk.len() / 2..chunk.len().saturating_sub(1)).rev().find(|&k| ends(k)).map(|k| k + 1);
                let mut next = at.map(|k| chunk.split_off(k)).unwrap_or_default();
                next.push(c);
                used = keys_width + next.iter().map(|&n| least[n]).sum::<u32>();
                chunks.push(next);
            } else {
                chunk.push(c);
                used += least[c];
            }
        }
        for (k, chunk) in chunks.iter().enumerate() {
            if k > 0 {
                body.para(continued, Para { italic: true, keep_next: true, after: 60, ..Para::default() });
            }
            // The key columns where they stand, then this part's columns in order.
            let mut cols: Vec<usize> = keys.iter().chain(chunk).copied().collect();
            cols.sort_unstable();
            self.part(body, &cols, &least, width, size);
            body.para("", Para { after: 120, ..Para::default() });
        }
    }

    /// Each column's least width in twips at `size` half-points: a fitted column's figures and
    /// heading (a short heading on one line, a longer one on two); a column of text's
    /// [`MIN_SHARE`], or for a key column (repeated in every part) its longest text up to
    /// [`MAX_KEY`].
    fn least_widths(&self, size: u32) -> Vec<u32> {
        // A digit of Times New Roman is half an em: `size` half-points make `size * 5` twips.
        let char_w = size * 5;
        (0..self.columns.len())
            .map(|c| {
                let column = &self.columns[c];
                let content = self.rows.iter().filter(|r| r.style != Style::Heading).filter_map(|r| r.cells.get(c));
                let chars = content.map(Cell::chars).max().unwrap_or(0) as u32;
                if let Width::Share(_) = column.width {
                    if !column.key {
                        return MIN_SHARE;
                    }
                    return (chars * char_w + 2 * CELL_MARGIN).clamp(MIN_SHARE, MAX_KEY);
                }
                let head = column.head.chars().count() as u32;
                let word = column.head.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0) as u32;
                let head = if head <= 12 { head } else { word.max(head.div_ceil(2).min(14)) };
                // Bold figures and headings are wider by about a tenth.
                (chars.max(head) * char_w * 11 / 10 + 2 * CELL_MARGIN + 40).max(MIN_FIT)
            })
            .collect()
    }

    /// The widths of `cols` in twips, filling `width`: the fitted columns as their figures need,
    /// the columns of text sharing the rest.
    fn widths(&self, cols: &[usize], least: &[u32], width: u32) -> Vec<u32> {
        let share = |c: usize| match self.columns[c].width {
            Width::Share(s) => Some(s.max(1)),
            Width::Fit => None,
        };
        let mut out: Vec<u32> = cols.iter().map(|&c| if share(c).is_some() { 0 } else { least[c] }).collect();
        let shares: u32 = cols.iter().filter_map(|&c| share(c)).sum();
        let share_count = cols.iter().filter(|&&c| share(c).is_some()).count() as u32;
        let fitted: u32 = out.iter().sum();
        if fitted + share_count * MIN_SHARE > width || (share_count == 0 && fitted > 0) {
            // Too wide (a single column beside the key ones), or nothing to take the rest: the
            // fitted columns scale to what the text columns leave.
            let room = width.saturating_sub(share_count * MIN_SHARE);
            for w in out.iter_mut() {
                *w = (u64::from(*w) * u64::from(room) / u64::from(fitted.max(1))) as u32;
            }
        }
        let left = width.saturating_sub(out.iter().sum());
        for (k, &c) in cols.iter().enumerate() {
            if let Some(s) = share(c) {
                out[k] = (u64::from(left) * u64::from(s) / u64::from(shares.max(1))) as u32;
            }
        }
        out
    }

    /// One table of the columns `cols` (`least`: each column's least width), row by row into
    /// the body.
    fn part(&self, body: &mut Body, cols: &[usize], least: &[u32], width: u32, size: u32) {
        let widths = self.widths(cols, least, width);
        let total: u32 = widths.iter().sum();
        let empty = Cell::default();
        let xml = body.xml();
        let border = r#"w:val="single" w:sz="4" w:space="0" w:color="000000""#;
        let _ = write!(
            xml,
            r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
        );
        for w in &widths {
            let _ = write!(xml, r#"<w:gridCol w:w="{w}"/>"#);
        }
        xml.push_str("</w:tblGrid>");
        self.header(xml, cols, &widths, size);
        for row in &self.rows {
            let xml = body.xml();
            xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            if row.style == Style::Heading {
                let cell = row.cells.first().unwrap_or(&empty);
                let props = CellProps { width: total, span: cols.len(), ..CellProps::default() };
                cell_xml(xml, cell, &props, Align::Left, true, size);
            } else {
                for (k, &c) in cols.iter().enumerate() {
                    let column = &self.columns[c];
                    let shade = row.style == Style::Subtotal || column.shade;
                    let bold = row.style != Style::Plain || column.shade;
                    let props =
                        CellProps { width: widths[k], fill: shade.then_some(SUBTOTAL_FILL), ..CellProps::default() };
                    cell_xml(xml, row.cells.get(c).unwrap_or(&empty), &props, column.align, bold, size);
                }
            }
            xml.push_str("</w:tr>");
            body.flush();
        }
        body.xml().push_str("</w:tbl>");
    }

    /// The header rows, repeated on every page: one, or two when a band spans columns.
    fn header(&self, xml: &mut String, cols: &[usize], widths: &[u32], size: u32) {
        let banded = cols.iter().any(|&c| self.columns[c].band.is_some());
        let head = |text: &str| Cell::from(text);
        let props = |width: u32| CellProps { width, fill: Some(HEAD_FILL), centre: true, ..CellProps::default() };
        let open = r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"#;
        if !banded {
            xml.push_str(open);
            for (k, &c) in cols.iter().enumerate() {
                cell_xml(xml, &head(&self.columns[c].head), &props(widths[k]), Align::Center, true, size);
            }
            xml.push_str("</w:tr>");
            return;
        }
        // The band row: each band once over its columns; a column without a band spans both rows.
        xml.push_str(open);
        let mut k = 0;
        while k < cols.len() {
            let band = &self.columns[cols[k]].band;
            match band {
                None => {
                    let p = CellProps { merge: Some(true), ..props(widths[k]) };
                    cell_xml(xml, &head(&self.columns[cols[k]].head), &p, Align::Center, true, size);
                    k += 1;
                }
                Some((_, text)) => {
                    let end = (k..cols.len()).take_while(|&j| &self.columns[cols[j]].band == band).last().unwrap_or(k);
                    let width: u32 = widths[k..=end].iter().sum();
                    let p = CellProps { span: end - k + 1, ..props(width) };
                    cell_xml(xml, &head(text), &p, Align::Center, true, size);
                    k = end + 1;
                }
            }
        }
        xml.push_str("</w:tr>");
        xml.push_str(open);
        for (k, &c) in cols.iter().enumerate() {
            let column = &self.columns[c];
            if column.band.is_none() {
                cell_xml(
                    xml,
                    &Cell::default(),
                    &CellProps { merge: Some(false), ..props(widths[k]) },
                    Align::Center,
                    true,
                    size,
                );
            } else {
                cell_xml(xml, &head(&column.head), &props(widths[k]), Align::Center, true, size);
            }
        }
        xml.push_str("</w:tr>");
    }
}

/// A cell's properties.
#[derive(Debug, Clone, Copy)]
struct CellProps {
    width: u32,
    /// Columns spanned.
    span: usize,
    /// Vertically merged: `Some(true)` starts a merge, `Some(false)` continues it.
    merge: Option<bool>,
    fill: Option<&'static str>,
    /// Centred vertically.
    centre: bool,
}

impl Default for CellProps {
    fn default() -> Self {
        CellProps { width: 0, span: 1, merge: None, fill: None, centre: false }
    }
}

fn cell_xml(xml: &mut String, cell: &Cell, props: &CellProps, align: Align, bold: bool, size: u32) {
    let _ = write!(xml, r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>"#, props.width);
    if props.span > 1 {
        let _ = write!(xml, r#"<w:gridSpan w:val="{}"/>"#, props.span);
    }
    match props.merge {
        Some(true) => xml.push_str(r#"<w:vMerge w:val="restart"/>"#),
        Some(false) => xml.push_str("<w:vMerge/>"),
        None => {}
    }
    if let Some(fill) = props.fill {
        let _ = write!(xml, r#"<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>"#);
    }
    if props.centre {
        xml.push_str(r#"<w:vAlign w:val="center"/>"#);
    }
    xml.push_str("</w:tcPr>");
    // A cell holds at least one paragraph.
    let paras: Vec<&str> =
        if cell.paras.is_empty() { vec![""] } else { cell.paras.iter().map(String::as_str).collect() };
    let jc = align.value();
    for text in paras {
        xml.push_str(r#"<w:p><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>"#);
        if cell.indent > 0 {
            let _ = write!(xml, r#"<w:ind w:left="{}"/>"#, u32::from(cell.indent) * 200);
        }
        let _ =
            write!(xml, r#"<w:jc w:val="{jc}"/><w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:pPr>"#);
        if !text.is_empty() {
            run(xml, text, bold, false, Some(size));
        }
        xml.push_str("</w:p>");
    }
    xml.push_str("</w:tc>");
}
