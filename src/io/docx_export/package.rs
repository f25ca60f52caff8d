//! The WordprocessingML of the document: its body (paragraphs and tables in sections of either
//! orientation), its styles (Times New Roman 13 throughout) and the parts of the package, zipped.

use std::fmt::Write as _;
use std::io::Write as _;

use super::DocxError;

/// A page's orientation; every page is A4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Orientation {
    Portrait,
    Landscape,
}

/// A4 in twentieths of a point: 210 × 297 mm.
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;

impl Orientation {
    /// Page margins (top, right, bottom, left) in twips: 20 mm above and below, 30 mm on the
    /// binding side and 15 mm on the other in portrait (the administrative documents' usual
    /// margins); 20 mm and 15 mm at the sides in landscape, where tables need the width.
    fn margins(self) -> (u32, u32, u32, u32) {
        match self {
            Orientation::Portrait => (1134, 850, 1134, 1701),
            Orientation::Landscape => (1134, 850, 1134, 1134),
        }
    }

    /// The width between the margins, in twips.
    pub(super) fn text_width(self) -> u32 {
        let (_, right, _, left) = self.margins();
        let page = match self {
            Orientation::Portrait => A4_SHORT,
            Orientation::Landscape => A4_LONG,
        };
        page - right - left
    }

    fn section_properties(self) -> String {
        let (w, h, orient) = match self {
            Orientation::Portrait => (A4_SHORT, A4_LONG, ""),
            Orientation::Landscape => (A4_LONG, A4_SHORT, r#" w:orient="landscape""#),
        };
        let (top, right, bottom, left) = self.margins();
        format!(
            r#"<w:sectPr><w:pgSz w:w="{w}" w:h="{h}"{orient}/><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>"#
        )
    }
}

/// How a paragraph outside the tables looks.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Para {
    pub bold: bool,
    pub italic: bool,
    pub align: Align,
    /// Kept on the page of the next paragraph or table (a heading with its table).
    pub keep_next: bool,
    /// Space after, in twips.
    pub after: u32,
}

/// A paragraph's alignment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Align {
    #[default]
    Left,
    Center,
    Right,
}

impl Align {
    pub(super) fn value(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        }
    }
}

/// Text as XML character data: markup escaped, characters XML does not allow left out.
pub(super) fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push(' '),
            c if (c as u32) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// A run of `text` (line breaks kept as breaks), bold and italic as asked, at `size` half-points
/// (`None`: the document's 13 pt).
pub(super) fn run(out: &mut String, text: &str, bold: bool, italic: bool, size: Option<u32>) {
    out.push_str("<w:r>");
    if bold || italic || size.is_some() {
        out.push_str("<w:rPr>");
        if bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        if let Some(sz) = size {
            let _ = write!(out, r#"<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>"#);
        }
        out.push_str("</w:rPr>");
    }
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push_str("<w:br/>");
        }
        out.push_str(r#"<w:t xml:space="preserve">"#);
        escape(line.trim_end_matches('\r'), out);
        out.push_str("</w:t>");
    }
    out.push_str("</w:r>");
}

/// How much XML is kept before it goes into the zip's compressor: the document is written as a
/// stream, so a large plan's tables never stand whole in memory (400,000 cells make 250 MB of
/// XML, 5 MB compressed).
const FLUSH_AT: usize = 1 << 16;

type Zip = zip::ZipWriter<std::io::Cursor<Vec<u8>>>;

/// The document's body, written into the package as it grows: blocks in sections, a new section
/// (on a new page) where the orientation changes.
pub(super) struct Body {
    zip: Zip,
    /// XML not yet compressed.
    xml: String,
    /// The orientation of the section being written, once anything is in it.
    current: Option<Orientation>,
    /// The first failure of the zip writer (only on a bug: it writes to memory).
    failed: Option<DocxError>,
}

fn package_error(e: impl std::fmt::Display) -> DocxError {
    DocxError::Package(e.to_string())
}

fn options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
}

impl Body {
    /// A package with its fixed parts, the document part opened.
    pub(super) fn new(title: &str, lang: &str) -> Result<Self, DocxError> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let core = core(title, lang);
        for (name, text) in [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("docProps/core.xml", core.as_str()),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS),
            ("word/styles.xml", STYLES),
            ("word/settings.xml", SETTINGS),
        ] {
            zip.start_file(name, options()).map_err(package_error)?;
            zip.write_all(text.as_bytes()).map_err(package_error)?;
        }
        zip.start_file("word/document.xml", options()).map_err(package_error)?;
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>"#
        );
        Ok(Body { zip, xml, current: None, failed: None })
    }

    /// The XML being written, to add to.
    pub(super) fn xml(&mut self) -> &mut String {
        &mut self.xml
    }

    /// Compresses what was written once there is enough of it.
    pub(super) fn flush(&mut self) {
        if self.xml.len() >= FLUSH_AT {
            self.write_out();
        }
    }

    fn write_out(&mut self) {
        if self.failed.is_none()
            && let Err(e) = self.zip.write_all(self.xml.as_bytes())
        {
            self.failed = Some(package_error(e));
        }
        self.xml.clear();
    }

    /// What follows is in `orientation`: ends the section so far when it has another.
    pub(super) fn orient(&mut self, orientation: Orientation) {
        match self.current {
            Some(o) if o != orientation => {
                // A section ends with the paragraph holding its properties.
                let _ = write!(self.xml, "<w:p><w:pPr>{}</w:pPr></w:p>", o.section_properties());
                self.current = Some(orientation);
            }
            Some(_) => {}
            None => self.current = Some(orientation),
        }
    }

    /// The section being written's orientation.
    pub(super) fn orientation(&self) -> Orientation {
        self.current.unwrap_or(Orientation::Portrait)
    }

    /// A paragraph of `text`.
    pub(super) fn para(&mut self, text: &str, p: Para) {
        let xml = &mut self.xml;
        xml.push_str("<w:p><w:pPr>");
        if p.keep_next {
            xml.push_str("<w:keepNext/>");
        }
        let _ = write!(xml, r#"<w:spacing w:before="0" w:after="{}"/>"#, p.after);
        let _ = write!(xml, r#"<w:jc w:val="{}"/>"#, p.align.value());
        xml.push_str("</w:pPr>");
        if !text.is_empty() {
            run(xml, text, p.bold, p.italic, None);
        }
        xml.push_str("</w:p>");
        self.flush();
    }

    /// Closes the document (its last section's properties) and the package.
    pub(super) fn finish(mut self) -> Result<Vec<u8>, DocxError> {
        let last = self.current.unwrap_or(Orientation::Portrait).section_properties();
        let _ = write!(self.xml, "{last}</w:body></w:document>");
        self.write_out();
        if let Some(e) = self.failed {
            return Err(e);
        }
        Ok(self.zip.finish().map_err(package_error)?.into_inner())
    }
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>"#;

/// Times New Roman 13 for every script (Vietnamese included), single-spaced tables.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

fn core(title: &str, lang: &str) -> String {
    let mut t = String::new();
    escape(title, &mut t);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{t}</dc:title><dc:creator>kehoach</dc:creator><dc:language>{lang}</dc:language></cp:coreProperties>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        let mut out = String::new();
        escape("a<b & \"c\"\u{1}>", &mut out);
        assert_eq!(out, "a&lt;b &amp; &quot;c&quot;&gt;");
    }

    #[test]
    fn a_change_of_orientation_ends_the_section() {
        let mut body = Body::new("t", "vi").unwrap();
        body.orient(Orientation::Portrait);
        body.para("a", Para::default());
        body.orient(Orientation::Landscape);
        body.para("b", Para::default());
        let bytes = body.finish().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut doc = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut doc).unwrap();
        assert!(doc.contains(r#"<w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/>"#), "{doc}");
        assert!(doc.ends_with(
            r#"<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
        ));
    }
}
