//! The merged cells of an xlsx sheet, found by a byte scan of the sheet's XML.
//!
//! calamine finds them by parsing the whole sheet again as XML events, which costs as much as
//! reading its cells (40 ms on the 2,000 × 30 fixture). They sit in `<mergeCells>` at the end of
//! the sheet's part; inflating the part and searching for `<mergeCell ` costs a fraction of that.
//! Anything unexpected (a missing part, an odd relationship) gives `None`, and the caller falls
//! back to calamine's reader.
//!
//! The sheet part's lookup ([`xlsx_sheet_part`]) and the tag scan also serve `facts` (hidden
//! rows and columns).

use std::io::{Cursor, Read};

use calamine::Dimensions;

/// Largest sheet part inflated for the scan (the package's check refuses larger ones before).
const MAX_PART_BYTES: u64 = super::limits::MAX_SHEET_PART_BYTES;

/// Merged regions of the sheet named `sheet` in the xlsx `bytes`, or `None` when the scan cannot
/// tell (the caller then asks calamine).
#[cfg(test)]
pub(super) fn xlsx_merged_regions(bytes: &[u8], sheet: &str) -> Option<Vec<Dimensions>> {
    merged_regions_in_part(&xlsx_sheet_part(bytes, sheet)?)
}

/// Merged regions in an inflated sheet part (from [`xlsx_sheet_part`]).
pub(super) fn merged_regions_in_part(xml: &[u8]) -> Option<Vec<Dimensions>> {
    let mut regions = Vec::new();
    for tag in tags(xml, "mergeCell") {
        let reference = attr(tag, "ref")?;
        regions.push(parse_range(reference)?);
        if regions.len() > super::limits::MAX_MERGED {
            break;
        }
    }
    Some(regions)
}

/// The inflated XML of the sheet named `sheet` in the xlsx `bytes` (at most [`MAX_PART_BYTES`]),
/// found through `xl/workbook.xml` and its relationships; `None` when anything is missing.
/// Inflate it once to ask both [`merged_regions_in_part`] and `facts::xlsx_facts_in_part`.
#[cfg(test)]
pub(super) fn xlsx_sheet_part(bytes: &[u8], sheet: &str) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let path = sheet_paths(&mut zip)?.into_iter().find(|(name, _)| name == sheet)?.1;
    read_part(&mut zip, &path)
}

/// The zip package of an xlsx, read through its central directory once.
pub(super) type Package<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Every sheet's name and the path of its part, in workbook order, from `xl/workbook.xml` and
/// its relationships; `None` when either is missing. Sheets whose part cannot be told are left
/// out.
pub(super) fn sheet_paths(zip: &mut Package<'_>) -> Option<Vec<(String, String)>> {
    let workbook = read_part(zip, "xl/workbook.xml")?;
    let rels = read_part(zip, "xl/_rels/workbook.xml.rels")?;
    let targets: std::collections::HashMap<&str, &str> =
        tags(&rels, "Relationship").filter_map(|t| Some((attr(t, "Id")?, attr(t, "Target")?))).collect();
    let mut out = Vec::new();
    for tag in tags(&workbook, "sheet") {
        let (Some(name), Some(rid)) = (attr(tag, "name"), attr_suffix(tag, ":id")) else { continue };
        let Some(target) = targets.get(rid) else { continue };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("xl/{}", target.trim_start_matches("./")),
        };
        out.push((unescape(name), path));
    }
    Some(out)
}

/// The part at `path`, inflated up to [`MAX_PART_BYTES`].
pub(super) fn read_part(zip: &mut Package<'_>, name: &str) -> Option<Vec<u8>> {
    let file = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    file.take(MAX_PART_BYTES).read_to_end(&mut out).ok()?;
    Some(out)
}

/// The attribute text of every start tag with local name `local` (any namespace prefix).
///
/// Searches for the name itself (SIMD substring search) rather than visiting every tag: a sheet's
/// XML has hundreds of thousands of cell tags and a handful of the ones wanted. A hit counts when
/// `<` or `<prefix:` comes before it and whitespace, `/` or `>` after it; `<` cannot occur in
/// text or attribute values, so a hit inside them is never taken for a tag.
pub(super) fn tags<'x>(xml: &'x [u8], local: &'x str) -> impl Iterator<Item = &'x [u8]> + 'x {
    tag_positions(xml, local).filter_map(move |at| {
        let after = at + local.len();
        let end = after + memchr::memchr(b'>', xml.get(after..)?)?;
        xml.get(after..end)
    })
}

/// Where the name of every start tag with local name `local` begins (see [`tags`]).
pub(super) fn tag_positions<'x>(xml: &'x [u8], local: &'x str) -> impl Iterator<Item = usize> + 'x {
    memchr::memmem::find_iter(xml, local.as_bytes()).filter(move |&at| {
        xml.get(..at).is_some_and(opens_tag)
            && matches!(xml.get(at + local.len()), Some(b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
    })
}

/// Whether `before` ends with `<` or with `<prefix:` (the start of a tag's name).
fn opens_tag(before: &[u8]) -> bool {
    match before.split_last() {
        Some((b'<', _)) => true,
        Some((b':', prefix)) => {
            let name_len = prefix
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
                .count();
            name_len > 0 && prefix.len().checked_sub(name_len + 1).and_then(|i| prefix.get(i)) == Some(&b'<')
        }
        _ => false,
    }
}

/// The value of attribute `name` (exact name, double or single quotes).
pub(super) fn attr<'x>(tag: &'x [u8], name: &str) -> Option<&'x str> {
    attrs(tag).find(|(k, _)| *k == name).map(|(_, v)| v)
}

/// The value of the first attribute whose name ends with `suffix` (`r:id`, `ns2:id` …).
fn attr_suffix<'x>(tag: &'x [u8], suffix: &str) -> Option<&'x str> {
    attrs(tag).find(|(k, _)| k.ends_with(suffix)).map(|(_, v)| v)
}

fn attrs(tag: &[u8]) -> impl Iterator<Item = (&str, &str)> {
    let text = std::str::from_utf8(tag).unwrap_or("");
    let mut rest = text;
    std::iter::from_fn(move || {
        let eq = rest.find('=')?;
        let key = rest.get(..eq)?.trim();
        let after = rest.get(eq + 1..)?.trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let body = after.get(1..)?;
        let close = body.find(quote)?;
        let value = body.get(..close)?;
        rest = body.get(close + 1..)?;
        Some((key, value))
    })
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// "B2:D3" (or a single "B2") as 0-based dimensions.
pub(super) fn parse_range(reference: &str) -> Option<Dimensions> {
    let (a, b) = reference.split_once(':').unwrap_or((reference, reference));
    Some(Dimensions { start: parse_cell(a)?, end: parse_cell(b)? })
}

pub(crate) fn parse_cell(cell: &str) -> Option<(u32, u32)> {
    let cell = cell.trim().trim_start_matches('$');
    let letters = cell.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (col, row) = cell.split_at(letters);
    if col.is_empty() || col.len() > 3 {
        return None;
    }
    let col = col
        .bytes()
        .try_fold(0u32, |acc, b| Some(acc * 26 + u32::from(b.to_ascii_uppercase().checked_sub(b'A')?) + 1))?;
    let row: u32 = row.trim_start_matches('$').parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_references() {
        assert_eq!(parse_cell("A1"), Some((0, 0)));
        assert_eq!(parse_cell("AB12"), Some((11, 27)));
        assert_eq!(parse_cell("$C$3"), Some((2, 2)));
        assert_eq!(parse_cell("1A"), None);
        assert_eq!(parse_range("B2:D3").map(|d| (d.start, d.end)), Some(((1, 1), (2, 3))));
    }

    #[test]
    fn finds_tags_and_attributes_with_any_prefix() {
        let xml = br#"<x:sheets><x:sheet name="Kinh ph&#237; &amp; v&#7889;n" sheetId="1" r:id="rId1"/></x:sheets>"#;
        let tag = tags(xml, "sheet").next().unwrap();
        assert_eq!(attr_suffix(tag, ":id"), Some("rId1"));
        assert_eq!(tags(xml, "sheets").count(), 1);
    }

    #[test]
    fn takes_only_start_tags_of_that_name() {
        let xml = br#"<worksheet><c><is><t>mergeCell in text</t></is></c><mergeCells count="2"><mergeCell ref="A1:B1"/><x:mergeCell ref="C1:D1"></x:mergeCell></mergeCells></worksheet>"#;
        let refs: Vec<_> = tags(xml, "mergeCell").filter_map(|t| attr(t, "ref")).collect();
        assert_eq!(refs, ["A1:B1", "C1:D1"]);
        assert_eq!(tags(xml, "mergeCells").count(), 1);
        assert_eq!(tags(b"<mergeCell", "mergeCell").count(), 0);
    }

    #[test]
    fn agrees_with_calamine_on_the_fixtures() {
        use calamine::Reader;
        for file in ["seed_columns.xlsx", "seed_rows.xlsx", "sections.xlsx", "large.xlsx"] {
            let bytes = std::fs::read(format!("{}/fixtures/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
            let mut x: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes.as_slice())).unwrap();
            for name in x.sheet_names() {
                let theirs = x.merge_cells_by_sheet_name(&name).unwrap();
                let ours = xlsx_merged_regions(&bytes, &name).unwrap();
                assert_eq!(ours, theirs, "{file} {name}");
            }
        }
    }
}
