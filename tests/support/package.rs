//! Hostile packages made in the test itself: a zip writer whose directory says what the test
//! wants, and a deflate encoder (fixed Huffman codes) that makes a gigabyte from a few megabytes.

/// CRC-32 (IEEE), as zip stores it.
pub fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        *slot = c;
    }
    !data.iter().fold(!0u32, |c, &b| table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8))
}

/// One part of a package: its name, its bytes as stored, how (0 stored, 8 deflated), the CRC and
/// the unpacked size its directory declares.
pub struct Part {
    pub name: String,
    pub data: Vec<u8>,
    pub method: u16,
    pub crc: u32,
    pub size: u64,
}

impl Part {
    /// A part stored as it is.
    pub fn stored(name: &str, data: &[u8]) -> Part {
        Part { name: name.into(), data: data.to_vec(), method: 0, crc: crc32(data), size: data.len() as u64 }
    }

    /// A part deflated by [`Deflate`], declaring `size` unpacked bytes (true or not).
    pub fn deflated(name: &str, data: Vec<u8>, size: u64) -> Part {
        Part { name: name.into(), data, method: 8, crc: 0, size }
    }
}

/// A zip archive of `parts` (sizes up to 4 GB, no zip64).
pub fn zip(parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for p in parts {
        let offset = out.len() as u32;
        let head = |sig: &[u8], central: bool| {
            let mut h = sig.to_vec();
            if central {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            h.extend_from_slice(&p.method.to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            h.extend_from_slice(&0x21u16.to_le_bytes());
            h.extend_from_slice(&p.crc.to_le_bytes());
            h.extend_from_slice(&(p.data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(p.size as u32).to_le_bytes());
            h.extend_from_slice(&(p.name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            h
        };
        out.extend(head(b"PK\x03\x04", false));
        out.extend_from_slice(p.name.as_bytes());
        out.extend_from_slice(&p.data);
        central.extend(head(b"PK\x01\x02", true));
        // Comment length, disk, internal and external attributes.
        central.extend_from_slice(&[0; 6]);
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(p.name.as_bytes());
    }
    let (cd_offset, cd_size) = (out.len() as u32, central.len() as u32);
    out.extend(central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A deflate stream of one block with the fixed Huffman codes.
pub struct Deflate {
    out: Vec<u8>,
    acc: u64,
    n: u32,
    /// Bytes it inflates to.
    pub size: u64,
}

const LEN_BASE: [u32; 29] =
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA: [u32; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE: [u32; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u32; 30] =
    [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

impl Deflate {
    pub fn new() -> Deflate {
        let mut d = Deflate { out: Vec::new(), acc: 0, n: 0, size: 0 };
        d.put(1, 1); // the last block
        d.put(1, 2); // fixed Huffman codes
        d
    }

    fn put(&mut self, value: u32, bits: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += bits;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code, most significant bit first.
    fn code(&mut self, code: u32, bits: u32) {
        let reversed = (0..bits).fold(0, |r, i| r | (((code >> i) & 1) << (bits - 1 - i)));
        self.put(reversed, bits);
    }

    fn symbol(&mut self, v: u32) {
        match v {
            0..=143 => self.code(0x30 + v, 8),
            144..=255 => self.code(0x190 + v - 144, 9),
            256..=279 => self.code(v - 256, 7),
            _ => self.code(0xC0 + v - 280, 8),
        }
    }

    /// Bytes as they are.
    pub fn literal(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes {
            self.symbol(u32::from(b));
        }
        self.size += bytes.len() as u64;
        self
    }

    /// `len` bytes copied from `dist` back (overlapping: a repetition of the last `dist` bytes).
    pub fn copy(&mut self, mut len: u64, dist: u32) -> &mut Self {
        self.size += len;
        while len > 0 {
            let l = if len > 258 { if len - 258 < 3 { len - 3 } else { 258 } } else { len } as u32;
            let i = LEN_BASE.iter().rposition(|&x| x <= l).unwrap();
            self.symbol(257 + i as u32);
            self.put(l - LEN_BASE[i], LEN_EXTRA[i]);
            let j = DIST_BASE.iter().rposition(|&x| x <= dist).unwrap();
            self.code(j as u32, 5);
            self.put(dist - DIST_BASE[j], DIST_EXTRA[j]);
            len -= u64::from(l);
        }
        self
    }

    /// `unit` written `times` times.
    pub fn repeat(&mut self, unit: &[u8], times: u64) -> &mut Self {
        self.literal(unit);
        self.copy(unit.len() as u64 * (times - 1), unit.len() as u32)
    }

    /// The stream and the size it inflates to.
    pub fn finish(&mut self) -> (Vec<u8>, u64) {
        self.symbol(256);
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        (std::mem::take(&mut self.out), self.size)
    }
}

pub const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// The parts every xlsx needs, for sheets named `names` stored in `xl/worksheets/sheetN.xml`
/// (the i-th name's part is `targets[i]`), and `extra` relationships of the workbook.
pub fn workbook_parts(names: &[&str], targets: &[&str], extra_rels: &str) -> Vec<Part> {
    let sheets: String = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!(r#"<sheet name="{n}" sheetId="{}" r:id="rId{}"/>"#, i + 1, i + 1))
        .collect();
    let rels: String = targets
        .iter()
        .enumerate()
        .map(|(i, t)| format!(r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="{t}"/>"#, i + 1))
        .collect();
    vec![
        Part::stored("[Content_Types].xml", br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#),
        Part::stored("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        Part::stored("xl/workbook.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook {NS}><sheets>{sheets}</sheets></workbook>"#).as_bytes()),
        Part::stored("xl/_rels/workbook.xml.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}{extra_rels}</Relationships>"#).as_bytes()),
    ]
}

/// A worksheet part with `head` before `<sheetData>` (a `<dimension>`) and `rows` inside it.
pub fn sheet_xml(head: &str, rows: &str) -> Vec<u8> {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>{head}<sheetData>{rows}</sheetData></worksheet>"#)
        .into_bytes()
}

/// Rows of a years-as-rows budget table: a unit line, "Năm | Tuyên truyền | Cơ sở vật chất",
/// then 2013–2015 with amounts; `cell` overrides the XML of a cell by address (`B4`).
pub fn table_rows(cell: &dyn Fn(&str) -> Option<String>) -> String {
    let text = |r: &str, t: &str| cell(r).unwrap_or(format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#));
    let num = |r: &str, v: u32| cell(r).unwrap_or(format!(r#"<c r="{r}"><v>{v}</v></c>"#));
    let mut rows = format!(r#"<row r="1">{}</row>"#, text("A1", "Đơn vị tính: triệu đồng"));
    rows += &format!(
        r#"<row r="2">{}{}{}</row>"#,
        text("A2", "Năm"),
        text("B2", "Tuyên truyền"),
        text("C2", "Cơ sở vật chất")
    );
    for (k, year) in (2013..=2015).enumerate() {
        let r = 3 + k;
        rows += &format!(
            r#"<row r="{r}">{}{}{}</row>"#,
            num(&format!("A{r}"), year),
            num(&format!("B{r}"), 70),
            num(&format!("C{r}"), 400)
        );
    }
    rows
}
