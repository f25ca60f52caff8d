//! A workbook as LibreOffice computes it: every formula recalculated on load, each sheet
//! converted to CSV (raw values, UTF-8). Without LibreOffice the test fails, unless
//! `KEHOACH_SKIP_LIBREOFFICE` is set: then no sheet is returned and the test skips.

use std::process::Command;

/// A sheet's name and its grid of cell texts.
pub type Sheet = (String, Vec<Vec<String>>);

/// Every sheet of `xlsx` after LibreOffice recalculated it; empty when LibreOffice is missing
/// and `KEHOACH_SKIP_LIBREOFFICE` is set.
pub fn recalculated_sheets(xlsx: &[u8], prefix: &str, name: &str) -> Vec<Sheet> {
    if Command::new("soffice").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("KEHOACH_SKIP_LIBREOFFICE").is_some(),
            "LibreOffice is missing: `scripts/setup --browser` installs libreoffice-calc-nogui (or set KEHOACH_SKIP_LIBREOFFICE=1)"
        );
        return Vec::new();
    }
    let dir = super::temp::temp_dir(prefix, name);
    let file = dir.0.join(format!("{name}.xlsx"));
    std::fs::write(&file, xlsx).expect("writes");
    // A throwaway profile that recalculates every formula on load.
    let profile = dir.0.join("profile");
    std::fs::create_dir_all(profile.join("user")).expect("profile");
    std::fs::write(
        profile.join("user/registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>"#,
    )
    .expect("profile settings");
    // CSV, UTF-8, raw values (not as shown), every sheet to a file of its own.
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1",
        ])
        .arg("--outdir")
        .arg(&dir.0)
        .arg(&file)
        .output()
        .expect("runs soffice");
    assert!(status.status.success(), "soffice failed: {}", String::from_utf8_lossy(&status.stderr));
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir.0).expect("lists") {
        let path = entry.expect("entry").path();
        let Some(stem) = path.file_name().and_then(|f| f.to_str()).and_then(|f| f.strip_suffix(".csv")) else {
            continue;
        };
        let sheet = stem.strip_prefix(&format!("{name}-")).unwrap_or(stem).to_string();
        out.push((sheet, parse_csv(&std::fs::read_to_string(&path).expect("reads"))));
    }
    assert!(!out.is_empty(), "soffice wrote no sheet: {}", String::from_utf8_lossy(&status.stderr));
    out
}

/// A minimal CSV reader: commas, double-quoted fields with doubled quotes.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// The grid of the sheet named `name`.
pub fn sheet<'a>(sheets: &'a [Sheet], name: &str) -> &'a [Vec<String>] {
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    sheets
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, g)| g.as_slice())
        .unwrap_or_else(|| panic!("no sheet {name} in {names:?}"))
}
