//! Tab-separated text as Excel and LibreOffice put on the clipboard.

// Nothing reachable from pasted text may panic: no unwrap, no unchecked indexing (tests may).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

/// Splits clipboard text into rows of cells. Rows end with CRLF or LF (a trailing line break is
/// not an extra row); cells are separated by tabs; a cell in double quotes may hold tabs, line
/// breaks and doubled quotes, as Excel writes them.
pub fn parse_tsv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    let mut quoted = false;
    while let Some(ch) = chars.next() {
        if quoted {
            if ch == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cell.push(ch);
            }
            continue;
        }
        match ch {
            '"' if at_cell_start => {
                quoted = true;
                at_cell_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            _ => {
                cell.push(ch);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// Writes rows of cells as tab-separated text, quoting cells that need it.
pub fn write_tsv(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        for (j, cell) in row.iter().enumerate() {
            if j > 0 {
                out.push('\t');
            }
            if cell.contains(['\t', '\n', '\r', '"']) {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(cell);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(v: &[&[&str]]) -> Vec<Vec<String>> {
        v.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn reads_excel_and_libreoffice_blocks() {
        let expected = rows(&[&["70", "400"], &["1.095,5", ""]]);
        assert_eq!(parse_tsv("70\t400\r\n1.095,5\t\r\n"), expected);
        assert_eq!(parse_tsv("70\t400\n1.095,5\t\n"), expected);
        assert_eq!(parse_tsv("70\t400\n1.095,5\t"), expected);
        assert_eq!(parse_tsv("70"), rows(&[&["70"]]));
        assert_eq!(parse_tsv(""), Vec::<Vec<String>>::new());
        assert_eq!(parse_tsv("\"a\tb\"\t\"say \"\"hi\"\"\"\n"), rows(&[&["a\tb", "say \"hi\""]]));
        assert_eq!(parse_tsv("\"two\nlines\"\tx"), rows(&[&["two\nlines", "x"]]));
        assert_eq!(parse_tsv("\n\n"), rows(&[&[""], &[""]]));
    }

    #[test]
    fn writes_what_it_reads() {
        let block = rows(&[&["Tuyên truyền", "70", "1.095,5"], &["a\tb", "", "say \"hi\""]]);
        assert_eq!(parse_tsv(&write_tsv(&block)), block);
        assert_eq!(write_tsv(&rows(&[&["1", "2"], &["3", "4"]])), "1\t2\r\n3\t4");
    }
}
