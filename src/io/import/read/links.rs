//! Formulas that take their values from other workbooks, and those workbooks' names.

use super::super::merges::{self, Package};

/// Whether a formula's text refers to another workbook: `[1]Sheet1!A1`, `'[1]Kinh phí'!B2`,
/// `'C:\Users\…\[other.xlsx]Sheet1'!B2`, `[1]!Name` (xlsx and xls), or an OpenDocument
/// `['file:///…/other.ods'#$Sheet1.A1]`. A table's structured reference (`Table1[Column]`) names
/// no sheet after its brackets, so it is not one; text inside quotes is skipped.
pub(crate) fn is_external_formula(formula: &str) -> bool {
    // Every form has a bracket: most formulas are told by one byte search.
    if memchr::memchr(b'[', formula.as_bytes()).is_none() {
        return false;
    }
    if formula.contains("'file:") || formula.contains("#$") {
        return true;
    }
    let mut in_string = false;
    for (i, ch) in formula.char_indices() {
        match ch {
            '"' => in_string = !in_string,
            '[' if !in_string => {
                let rest = formula.get(i + 1..).unwrap_or("");
                let Some(close) = rest.find(']') else { return false };
                let inside = rest.get(..close).unwrap_or("");
                if inside.is_empty() || inside.contains('[') {
                    continue;
                }
                // What follows the brackets up to `!` must be a sheet name (or nothing: a name).
                let after = rest.get(close + 1..).unwrap_or("");
                let sheet_end = after.find(|c: char| {
                    matches!(
                        c,
                        '!' | '[' | ']' | '(' | ')' | ',' | ';' | '"' | '=' | '+' | '*' | '/' | '^' | '&' | '<' | '>'
                    )
                });
                if let Some(end) = sheet_end
                    && after.get(end..).is_some_and(|a| a.starts_with('!'))
                {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// The file names of the workbooks an xlsx (or xlsb) links to, in the order of its links (`[1]`,
/// `[2]` …), from `xl/externalLinks/_rels/externalLinkN.xml.rels` (`.bin.rels`).
pub(crate) fn xlsx_linked_books(zip: &mut Package<'_>) -> Vec<String> {
    let mut rels: Vec<(u32, String)> = zip
        .file_names()
        .filter_map(|n| {
            let n = n.ok()?;
            let lower = n.to_ascii_lowercase();
            let rest = lower.strip_prefix("xl/externallinks/_rels/externallink")?;
            let number = rest.strip_suffix(".xml.rels").or_else(|| rest.strip_suffix(".bin.rels"))?;
            Some((number.parse().ok()?, n.into_owned()))
        })
        .collect();
    rels.sort();
    let mut out = Vec::new();
    for (_, part) in rels.into_iter().take(64) {
        let Some(xml) = merges::read_part(zip, &part) else { continue };
        let target = merges::tags(&xml, "Relationship").find_map(|t| merges::attr(t, "Target").map(book_name));
        if let Some(name) = target.filter(|n| !n.is_empty()) {
            out.push(name);
        }
    }
    out
}

/// The file name at the end of a path or URL (`file:///C:/Ke%20hoach/other.xlsx` → `other.xlsx`).
pub(crate) fn book_name(target: &str) -> String {
    let last = target.rsplit(['/', '\\']).next().unwrap_or(target);
    last.replace("%20", " ").chars().take(120).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_links_to_other_workbooks() {
        for f in
            ["[1]Sheet1!A1", "'[1]Kinh phí'!B2*2", "SUM([2]S!A1:A5)", "'C:\\x\\[other.xlsx]Sheet1'!B2", "[1]!Total"]
        {
            assert!(is_external_formula(f), "{f}");
        }
        for f in ["SUM(A1:A5)", "Table1[Column]", "Table1[[#This Row],[Col]]", "\"[1]S!A1\"", "'Kinh phí'!B2"] {
            assert!(!is_external_formula(f), "{f}");
        }
        assert!(is_external_formula("of:=['file:///C:/x/other.ods'#$Sheet1.A1]"));
        assert_eq!(book_name("file:///C:/Ke%20hoach/other.xlsx"), "other.xlsx");
        assert_eq!(book_name("other.xlsx"), "other.xlsx");
    }
}
