//! kehoach's Word (.docx) export read by an independent reader: LibreOffice Writer (Debian's
//! `libreoffice-writer-nogui`, installed by `scripts/setup --browser`) converts each document to
//! plain text and to PDF; the text must hold every figure of the plan as the screen shows it, the
//! unit line and the phases' labels. The package itself is read with `zip`: A4 pages, header rows
//! repeated on every page, tables split where they would not fit.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/temp.rs"]
mod temp;
#[path = "support/work.rs"]
mod work;

use std::collections::HashMap;
use std::io::Read;
use std::process::Command;

use kehoach::engine::{FundingSplit, Totals};
use kehoach::io::docx_export::to_docx;
use kehoach::locale::{Lang, format_fixed};
use kehoach::model::Plan;
use kehoach::reference;
use temp::TempDir;

fn temp_dir(name: &str) -> TempDir {
    temp::temp_dir("docx", name)
}

/// Whether LibreOffice is here; when it is not, the tests that need it pass only when told to
/// skip them.
fn have_libreoffice() -> bool {
    if Command::new("soffice").arg("--version").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("KEHOACH_SKIP_LIBREOFFICE").is_some(),
        "LibreOffice is missing: `scripts/setup --browser` installs libreoffice-writer-nogui (or set KEHOACH_SKIP_LIBREOFFICE=1)"
    );
    false
}

/// Converts each document (name, bytes) with LibreOffice to `format` (`txt:…`, `pdf`) in one
/// run, in a throwaway profile; the converted files' bytes by name.
fn convert(docs: &[(String, Vec<u8>)], format: &str, extension: &str, run: &str) -> HashMap<String, Vec<u8>> {
    let dir = temp_dir(run);
    let profile = dir.0.join("profile");
    std::fs::create_dir_all(&profile).expect("profile");
    let mut command = Command::new("soffice");
    command
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(&dir.0);
    for (name, bytes) in docs {
        let file = dir.0.join(format!("{name}.docx"));
        std::fs::write(&file, bytes).expect("writes");
        command.arg(file);
    }
    let output = command.output().expect("runs soffice");
    assert!(output.status.success(), "soffice failed: {}", String::from_utf8_lossy(&output.stderr));
    docs.iter()
        .map(|(name, _)| {
            let path = dir.0.join(format!("{name}.{extension}"));
            let bytes = std::fs::read(&path).unwrap_or_else(|e| {
                panic!(
                    "no {} from LibreOffice ({e}; is libreoffice-writer-nogui installed?): {}",
                    path.display(),
                    String::from_utf8_lossy(&output.stderr)
                )
            });
            (name.clone(), bytes)
        })
        .collect()
}

/// A part of the package, as text.
fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut file = zip.by_name(name).unwrap_or_else(|e| panic!("no {name}: {e}"));
    let mut text = String::new();
    file.read_to_string(&mut text).expect("UTF-8");
    text
}

/// The package's `word/document.xml`.
fn document_xml(docx: &[u8]) -> String {
    part(docx, "word/document.xml")
}

/// Every figure of the budget table as the screen shows it: each line's cells, phase subtotals
/// and total, each year's and phase's total, the grand total.
fn budget_figures(plan: &Plan, lang: Lang) -> Vec<String> {
    let totals = Totals::compute(plan);
    let places = totals.typed_places(plan);
    let f = |v| format_fixed(v, lang, places);
    let mut out = vec![f(totals.grand())];
    for (i, line) in plan.lines.iter().enumerate() {
        out.push(f(totals.line_total(i)));
        out.extend((0..plan.phases.len()).map(|p| f(totals.line_phase_total(i, p))));
        out.extend(line.amounts.values().map(|v| f(*v)));
    }
    out.extend(totals.columns().iter().map(|&y| f(totals.year_total(y))));
    out.extend((0..plan.phases.len()).map(|p| f(totals.phase_total(p))));
    out
}

fn assert_holds(text: &str, what: &str, wanted: &[String]) {
    for w in wanted {
        assert!(text.contains(w.as_str()), "{what}: no «{w}» in:\n{text}");
    }
}

fn s(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn libreoffice_reads_every_figure_of_the_plans() {
    let reference = reference::plan_with_sources();
    let targets = reference::seed_targets_plan();
    let tasks = work::plan_with_tasks();
    let docs: Vec<(String, Vec<u8>)> = vec![
        ("ref-vi-lines".into(), to_docx(&reference, Lang::Vi, false).expect("exports")),
        ("ref-vi-years".into(), to_docx(&reference, Lang::Vi, true).expect("exports")),
        ("ref-en-lines".into(), to_docx(&reference, Lang::En, false).expect("exports")),
        ("targets".into(), to_docx(&targets, Lang::Vi, false).expect("exports")),
        ("tasks".into(), to_docx(&tasks, Lang::Vi, false).expect("exports")),
    ];
    if !have_libreoffice() {
        return;
    }
    let texts: HashMap<String, String> = convert(&docs, "txt:Text (encoded):UTF8", "txt", "text")
        .into_iter()
        .map(|(name, bytes)| (name, String::from_utf8(bytes).expect("UTF-8 text")))
        .collect();

    // Seed 000: phases 3.080 and 2.320, total 5.400; sources 40 % and 60 %: 2.160 and 3.240.
    for name in ["ref-vi-lines", "ref-vi-years"] {
        let text = &texts[name];
        assert_holds(text, name, &s(&["3.080", "2.320", "5.400", "2.160", "3.240", "400", "2.500", "2.300", "200"]));
        assert_holds(text, name, &budget_figures(&reference, Lang::Vi));
        assert_holds(
            text,
            name,
            &s(&[
                "Đơn vị tính: Triệu đồng",
                "Cộng GĐ 1",
                "Cộng GĐ 2",
                "Giai đoạn 1 (2012 - 2015)",
                "Giai đoạn 2 (2016 - 2020)",
                "Tổng số",
                "Ngân sách Trung ương",
                "Ngân sách địa phương",
                "40 %",
                "60 %",
                &reference.title,
                "UBND tỉnh Bắc Kạn",
            ]),
        );
        for line in &reference.lines {
            assert!(text.contains(&line.name), "{name}: {}", line.name);
        }
    }
    // The funding per phase: 40 % and 60 % of each phase's 3.080 and 2.320.
    let totals = Totals::compute(&reference);
    let split = FundingSplit::compute(&reference, &totals);
    let per_phase: Vec<String> = split
        .phases
        .iter()
        .flat_map(|ps| (0..reference.sources.len()).map(|i| format_fixed(ps.amount(i), Lang::Vi, 0)))
        .collect();
    assert_eq!(per_phase, s(&["1.232", "1.848", "928", "1.392"]));
    assert_holds(&texts["ref-vi-lines"], "funding", &per_phase);

    // English: the English number style and labels.
    let en = &texts["ref-en-lines"];
    assert_holds(
        en,
        "en",
        &s(&["3,080", "2,320", "5,400", "2,160", "3,240", "Unit: million VND", "Total phase 1", "Total"]),
    );
    assert_holds(en, "en", &budget_figures(&reference, Lang::En));
    assert!(!en.contains("Đơn vị tính") && !en.contains("Cộng GĐ"), "{en}");

    // Targets: each indicator, its unit, its milestones by year, its agency.
    let text = &texts["targets"];
    assert_holds(text, "targets", &s(&["Mục tiêu, chỉ tiêu", "Năm 2015", "Năm 2020", "> 96", "> 98", "≥ 40"]));
    for t in &targets.targets {
        assert!(text.contains(t.name.trim()), "targets: {}", t.name);
        assert!(text.contains(t.agency.trim()), "targets: {}", t.agency);
        for v in &t.variants {
            assert!(text.contains(v.name.trim()), "targets: {}", v.name);
        }
    }

    // Tasks: number, text, lead, partners, time and the money of the lines each lists; each
    // agency's responsibilities with the money of the lines it leads; the reporting calendar.
    let text = &texts["tasks"];
    let totals = Totals::compute(&tasks);
    assert_holds(text, "tasks", &budget_figures(&tasks, Lang::Vi));
    for t in &tasks.tasks {
        assert!(
            text.contains(t.name.trim()) && text.contains(t.lead.trim()) && text.contains(t.time.trim()),
            "{}",
            t.name
        );
        for p in &t.partners {
            assert!(text.contains(p.as_str()), "{}: {p}", t.name);
        }
        if !t.lines.is_empty() {
            let money = format_fixed(kehoach::engine::work::lines_money(&tasks, &totals, &t.lines), Lang::Vi, 0);
            assert!(text.contains(&money), "{}: {money}", t.name);
        }
        if !t.group.is_empty() {
            assert!(text.contains(&t.group), "{}", t.group);
        }
    }
    // Task 1 lists the group "Hoạt động" and one of its lines: counted once, 400 + 2.500.
    assert_eq!(kehoach::engine::work::lines_money(&tasks, &totals, &tasks.tasks[0].lines), 2900.into());
    assert_holds(
        text,
        "tasks",
        &s(&["2.900", "Trách nhiệm cụ thể", "Sở GD&ĐT", "huyện Ba Bể", "Lịch báo cáo, sơ kết, tổng kết"]),
    );
    for part in kehoach::engine::work::responsibilities(&tasks, &totals) {
        assert!(text.contains(&part.name), "{}", part.name);
        if !part.lines.is_empty() {
            assert!(text.contains(&format_fixed(part.money, Lang::Vi, 0)), "{}: {}", part.name, part.money);
        }
    }
    for r in &tasks.reports {
        assert!(text.contains(&r.name), "{}", r.name);
    }
}

#[test]
fn libreoffice_prints_the_document_to_pdf() {
    let docs = vec![
        ("ref".to_string(), to_docx(&reference::plan_with_sources(), Lang::Vi, false).expect("exports")),
        ("tasks".to_string(), to_docx(&work::plan_with_tasks(), Lang::Vi, true).expect("exports")),
    ];
    if !have_libreoffice() {
        return;
    }
    for (name, pdf) in convert(&docs, "pdf", "pdf", "pdf") {
        assert!(pdf.starts_with(b"%PDF") && pdf.len() > 2000, "{name}: {} bytes", pdf.len());
    }
}

#[test]
fn pages_are_a4_and_header_rows_repeat() {
    let plan = work::plan_with_tasks();
    for years_as_rows in [false, true] {
        let xml = document_xml(&to_docx(&plan, Lang::Vi, years_as_rows).expect("exports"));
        // Every table's first row repeats on each page.
        let tables = xml.matches("<w:tbl>").count();
        assert!(tables >= 5, "{tables} tables");
        for table in xml.split("<w:tbl>").skip(1) {
            let first_row = table.split("</w:tr>").next().unwrap_or_default();
            assert!(first_row.contains("<w:tblHeader/>"), "{first_row}");
        }
        // Every section A4, portrait or landscape; the wide budget in landscape.
        let sizes: Vec<&str> =
            xml.match_indices("<w:pgSz ").map(|(at, _)| &xml[at..at + xml[at..].find("/>").unwrap()]).collect();
        assert!(!sizes.is_empty());
        for size in &sizes {
            assert!(
                *size == r#"<w:pgSz w:w="11906" w:h="16838""#
                    || *size == r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape""#,
                "{size}"
            );
        }
        // Lines down: 9 years, 2 subtotals and the total beside the lines, landscape; years down:
        // five lines and the total, portrait.
        assert_eq!(sizes.iter().any(|s| s.contains("landscape")), !years_as_rows, "{sizes:?}");
    }
    // Times New Roman 13 (26 half-points) for the document, 11 or 12 in the tables.
    let docx = to_docx(&plan, Lang::Vi, false).expect("exports");
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"w:ascii="Times New Roman""#) && styles.contains(r#"<w:sz w:val="26"/>"#), "{styles}");
    let xml = document_xml(&docx);
    assert!(xml.contains(r#"<w:sz w:val="22"/>"#) && xml.contains(r#"<w:sz w:val="24"/>"#));
}

#[test]
fn a_table_too_wide_for_the_page_is_split_repeating_its_first_columns() {
    // 30 years in phases of five: 30 years, 6 subtotals and the total beside the line names.
    let plan = reference::large_plan(12, 30);
    let xml = document_xml(&to_docx(&plan, Lang::Vi, false).expect("exports"));
    let budget: Vec<&str> = xml.split("<w:tbl>").skip(1).take_while(|t| !t.contains("Ngân sách")).collect();
    assert!(budget.len() >= 3, "{} parts", budget.len());
    assert!(xml.contains("(tiếp theo)"));
    for part in &budget {
        let columns = part.split("</w:tblGrid>").next().unwrap_or_default().matches("<w:gridCol ").count();
        assert!(columns <= 16, "{columns} columns");
        // Each part repeats the line names.
        assert!(part.contains(&plan.lines[1].name), "no line name");
        // Column widths fill the landscape text width (297 mm less 35 mm of margins), no more.
        let widths: u32 = part
            .split("</w:tblGrid>")
            .next()
            .unwrap_or_default()
            .split(r#"<w:gridCol w:w=""#)
            .skip(1)
            .map(|w| w.split('"').next().unwrap().parse::<u32>().unwrap())
            .sum();
        assert!(widths <= 14854 && widths > 14000, "{widths}");
    }
    // The grand total is in the last part only, once.
    let grand = format_fixed(Totals::compute(&plan).grand(), Lang::Vi, Totals::compute(&plan).typed_places(&plan));
    assert_eq!(budget.iter().filter(|p| p.contains(&format!(">{grand}<"))).count(), 1, "{grand}");
}

#[test]
fn text_with_markup_stays_text() {
    let mut plan = reference::plan();
    plan.lines[0].name = "R&D <mới> \"A\"\u{1}".into();
    plan.title = "Kế hoạch <&>".into();
    let bytes = to_docx(&plan, Lang::Vi, false).expect("exports");
    let xml = document_xml(&bytes);
    assert!(xml.contains("R&amp;D &lt;mới&gt; &quot;A&quot;<"), "{xml}");
    assert!(xml.contains("Kế hoạch &lt;&amp;&gt;"));
    assert!(!xml.contains('\u{1}'));
}
