//! Tasks, responsibilities and the reporting calendar through `.xlsx`: kehoach's own sheets
//! imported back give the same tasks, agencies and calendar, in both languages; the tasks' money
//! is their lines' money; a plan's appendix table («Kế hoạch thành phần | Nội dung | Chủ trì |
//! Phối hợp | Thời gian», groups merged down, partners on lines of their own) is read as tasks.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/work.rs"]
mod work;

use std::io::Read;

use kehoach::engine::Totals;
use kehoach::engine::work::lines_money;
use kehoach::io::import::{Cell, ImportOptions, find_tasks, import, open_workbook};
use kehoach::io::xlsx_export::{CALENDAR_SHEET, RESPONSIBILITIES_SHEET, TASKS_SHEET, to_xlsx};
use kehoach::locale::Lang;
use kehoach::model::{AgencyLevel, ItemId, Plan, ReportKind};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use rust_xlsxwriter::{Format, Workbook};

/// A task as compared across plans: its words, and its lines and targets by name.
type TaskContent = (String, String, String, String, Vec<String>, String, Vec<String>, Vec<String>, Vec<String>, String);

fn tasks(plan: &Plan) -> Vec<TaskContent> {
    let line = |id: &ItemId| plan.lines.iter().find(|l| l.id == *id).map(|l| l.name.clone()).unwrap_or_default();
    let target = |id: &ItemId| plan.targets.iter().find(|t| t.id == *id).map(|t| t.name.clone()).unwrap_or_default();
    plan.tasks
        .iter()
        .map(|t| {
            (
                t.group.clone(),
                t.number.clone(),
                t.name.clone(),
                t.lead.clone(),
                t.partners.clone(),
                t.time.clone(),
                t.places.clone(),
                t.lines.iter().map(line).collect(),
                t.targets.iter().map(target).collect(),
                t.notes.clone(),
            )
        })
        .collect()
}

/// The directory by content (its order is not the view's: agencies are shown where they act).
fn agencies(plan: &Plan) -> Vec<(String, String, AgencyLevel, Vec<String>)> {
    let mut list: Vec<_> =
        plan.agencies.iter().map(|a| (a.name.clone(), a.short.clone(), a.level, a.follows.clone())).collect();
    list.sort_by(|a, b| a.0.cmp(&b.0));
    list
}

fn reports(plan: &Plan) -> Vec<(ReportKind, String, String, String, String)> {
    plan.reports.iter().map(|r| (r.kind, r.name.clone(), r.when.clone(), r.from.clone(), r.to.clone())).collect()
}

#[test]
fn tasks_agencies_and_calendar_import_back_in_both_languages() {
    let original = work::plan_with_tasks();
    for lang in [Lang::Vi, Lang::En] {
        let bytes = to_xlsx(&original, lang).expect("exports");
        let r = import(&bytes, &ImportOptions::default()).expect("imports");
        assert!(r.diagnostics.is_empty(), "{lang:?}: {:#?}", r.diagnostics);
        assert!(r.can_confirm(), "{lang:?}");
        let back = r.plan;
        assert_eq!(Totals::compute(&back).grand(), dec!(5400), "{lang:?}");
        assert_eq!(tasks(&back), tasks(&original), "{lang:?}");
        assert_eq!(agencies(&back), agencies(&original), "{lang:?}");
        assert_eq!(reports(&back), reports(&original), "{lang:?}");
        // Every id unique in the plan imported.
        let mut ids: Vec<ItemId> = back.lines.iter().map(|l| l.id).chain(back.targets.iter().map(|t| t.id)).collect();
        ids.extend(back.tasks.iter().map(|t| t.id).chain(back.agencies.iter().map(|a| a.id)));
        ids.extend(back.reports.iter().map(|r| r.id));
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "{lang:?}: ids repeat");
        // Through the file worker's reply (the plan as a draft) too.
        let reply = kehoach::io::import::remote::import_json(&bytes, "{}");
        let (_, _, r) = kehoach::io::import::remote::read_reply(&reply).expect("a reply");
        assert_eq!((tasks(&r.plan), agencies(&r.plan)), (tasks(&original), agencies(&original)), "{lang:?}");
    }
}

#[test]
fn the_money_column_is_the_lines_money() {
    let plan = work::plan_with_tasks();
    let totals = Totals::compute(&plan);
    for lang in [Lang::Vi, Lang::En] {
        let bytes = to_xlsx(&plan, lang).expect("exports");
        let book = open_workbook(&bytes).expect("opens");
        let sheets: Vec<String> = book.sheets().iter().map(|s| s.name.clone()).collect();
        for name in [TASKS_SHEET, RESPONSIBILITIES_SHEET, CALENDAR_SHEET] {
            assert!(sheets.iter().any(|s| s == name.get(lang)), "{lang:?}: {sheets:?}");
        }
        let grid = book.sheet(TASKS_SHEET.get(lang)).expect("the tasks sheet");
        let money: Vec<Option<Decimal>> = (4..4 + plan.tasks.len() as u32)
            .map(|row| match grid.get(row, 8) {
                Cell::Number(n) => Some(*n),
                Cell::Empty => None,
                other => panic!("{lang:?}: money cell {other:?}"),
            })
            .collect();
        let want: Vec<Option<Decimal>> =
            plan.tasks.iter().map(|t| (!t.lines.is_empty()).then(|| lines_money(&plan, &totals, &t.lines))).collect();
        assert_eq!(money, want, "{lang:?}");
        // The group and its line are counted once: 400 + 2,500.
        assert_eq!(want[0], Some(dec!(2900)));
        assert!(grid.is_formula(4, 8), "{lang:?}: the money is live");
        // The responsibilities' totals: the lines each agency leads.
        let grid = book.sheet(RESPONSIBILITIES_SHEET.get(lang)).expect("the responsibilities sheet");
        let row = (4..grid.end_row())
            .find(|&r| grid.get(r, 0) == &Cell::Text("Sở Giáo dục và Đào tạo".into()))
            .expect("the department's row");
        let total_col = (0..grid.end_col())
            .find(|&c| {
                grid.get(3, c).text().is_some_and(|t| t == kehoach::locale::label(lang, "Tổng kinh phí", "Total money"))
            })
            .expect("a total column");
        assert_eq!(grid.get(row, total_col), &Cell::Number(dec!(5200)), "{lang:?}");
        assert_eq!(grid.get(row, 1), &Cell::Text("Sở GD&ĐT".into()));
    }
}

#[test]
fn a_stale_money_figure_or_an_unknown_line_is_a_warning_at_its_cell() {
    let plan = work::plan_with_tasks();
    let bytes = to_xlsx(&plan, Lang::Vi).expect("exports");
    let book = open_workbook(&bytes).expect("opens");
    let grid = book.sheet("Nhiệm vụ").expect("the tasks sheet");
    // The plan changed since: Quản lý gained 100 and CSVC was renamed.
    let mut changed = plan.clone();
    changed.lines[4].amounts.insert(2014, dec!(125));
    changed.lines[2].name = "Cơ sở vật chất".into();
    let found = find_tasks(&grid, &changed).expect("tasks");
    assert_eq!(tasks(&Plan { tasks: found.tasks.clone(), ..changed.clone() })[0], tasks(&changed)[0]);
    let codes: Vec<(&str, String)> =
        found.diagnostics.iter().map(|d| (d.code.as_ref(), d.location.to_string())).collect();
    assert_eq!(
        codes,
        vec![("task_line_not_found", "'Nhiệm vụ'!H7".to_string()), ("task_money_differs", "'Nhiệm vụ'!I7".to_string()),]
    );
}

/// The appendix of seed 000 as a planner types it: a title, the header, component plans merged
/// down over their tasks, partners on lines of their own.
fn appendix() -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Phụ lục").unwrap();
    let wrap = Format::new().set_text_wrap();
    ws.write_string(0, 0, "PHỤ LỤC: CÁC NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU").unwrap();
    for (c, h) in ["Kế hoạch thành phần", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"].iter().enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.merge_range(3, 0, 5, 0, "Kế hoạch thành phần 1: Xóa mù chữ", &wrap).unwrap();
    ws.merge_range(6, 0, 7, 0, "Kế hoạch thành phần 2: Xây dựng xã hội học tập", &wrap).unwrap();
    let rows = [
        ("Điều tra, thống kê người mù chữ", "Sở Giáo dục và Đào tạo", "UBND các huyện, thành phố", "Quý I/2013"),
        (
            "Mở lớp xóa mù chữ",
            "Sở Giáo dục và Đào tạo",
            "Hội Khuyến học\nHội Liên hiệp Phụ nữ tỉnh\nUBND các huyện, thành phố",
            "2013 - 2015",
        ),
        ("Tuyên truyền", "Sở Thông tin và Truyền thông", "Sở Văn hóa, Thể thao và Du lịch, Đài PT-TH tỉnh", "hằng năm"),
        ("Xây dựng mô hình gia đình học tập", "Hội Khuyến học", "Mặt trận Tổ quốc tỉnh; Tỉnh đoàn", "Giai đoạn 2"),
        ("Kiểm tra, đánh giá", "Sở Giáo dục và Đào tạo", "", "2020"),
    ];
    for (k, (name, lead, partners, time)) in rows.iter().enumerate() {
        let row = 3 + k as u32;
        ws.write_string(row, 1, *name).unwrap();
        ws.write_string(row, 2, *lead).unwrap();
        ws.write_string_with_format(row, 3, *partners, &wrap).unwrap();
        ws.write_string(row, 4, *time).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn an_appendix_table_gives_its_tasks() {
    let bytes = appendix();
    let book = open_workbook(&bytes).expect("opens");
    let grid = book.sheet("Phụ lục").expect("the sheet");
    let plan = kehoach::reference::plan();
    let found = find_tasks(&grid, &plan).expect("a tasks table");
    assert!(found.diagnostics.is_empty(), "{:#?}", found.diagnostics);
    let t = &found.tasks;
    let groups: Vec<&str> = t.iter().map(|t| t.group.as_str()).collect();
    let g1 = "Kế hoạch thành phần 1: Xóa mù chữ";
    let g2 = "Kế hoạch thành phần 2: Xây dựng xã hội học tập";
    assert_eq!(groups, vec![g1, g1, g1, g2, g2]);
    assert_eq!(t[0].name, "Điều tra, thống kê người mù chữ");
    assert_eq!(t[0].partners, vec!["UBND các huyện, thành phố"]);
    assert_eq!(t[1].partners, vec!["Hội Khuyến học", "Hội Liên hiệp Phụ nữ tỉnh", "UBND các huyện, thành phố"]);
    assert_eq!(t[2].partners, vec!["Sở Văn hóa, Thể thao và Du lịch", "Đài PT-TH tỉnh"]);
    assert_eq!(t[3].partners, vec!["Mặt trận Tổ quốc tỉnh", "Tỉnh đoàn"]);
    assert!(t[4].partners.is_empty());
    let times: Vec<&str> = t.iter().map(|t| t.time.as_str()).collect();
    assert_eq!(times, vec!["Quý I/2013", "2013 - 2015", "hằng năm", "Giai đoạn 2", "2020"]);
    assert_eq!(t[3].lead, "Hội Khuyến học");

    // The whole workbook: no budget table, so only the tasks come in (a warning, not an error),
    // and every agency they name joins the directory.
    let r = import(&bytes, &ImportOptions::default()).expect("imports");
    assert!(!r.has_errors(), "{:#?}", r.diagnostics);
    assert_eq!(r.plan.tasks.len(), 5);
    assert!(
        r.diagnostics.iter().any(|d| d.text.get(Lang::En).contains("Only the tasks are imported")),
        "{:#?}",
        r.diagnostics
    );
    let names: Vec<&str> = r.plan.agencies.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names.len(), 9, "{names:?}");
    let level = |name: &str| r.plan.agencies.iter().find(|a| a.name == name).map(|a| a.level);
    assert_eq!(level("Hội Khuyến học"), Some(AgencyLevel::Association));
    assert_eq!(level("Tỉnh đoàn"), Some(AgencyLevel::MassOrganisation));
}

/// The parts of an `.xlsx` (name, text).
fn parts_of(xlsx: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("an entry");
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap_or_default();
            (f.name().expect("a name").to_string(), text)
        })
        .collect()
}

#[test]
fn the_new_sheets_print_like_the_others_and_plans_without_them_do_not_get_them() {
    let parts = parts_of(&to_xlsx(&work::plan_with_tasks(), Lang::Vi).expect("exports"));
    let text = |name: &str| parts.iter().find(|(n, _)| n == name).map(|(_, t)| t.clone()).unwrap_or_default();
    for sheet in ["xl/worksheets/sheet4.xml", "xl/worksheets/sheet5.xml", "xl/worksheets/sheet6.xml"] {
        let xml = text(sheet);
        assert!(xml.contains(r#"paperSize="9""#) && xml.contains(r#"orientation="landscape""#), "{sheet}");
        assert!(xml.contains("fitToPage=\"1\""), "{sheet}");
    }
    let workbook = text("xl/workbook.xml");
    assert!(workbook.contains("'Nhiệm vụ'!$4:$4"), "{workbook}");
    assert!(workbook.contains("'Trách nhiệm'!$A:$A,'Trách nhiệm'!$4:$4"), "{workbook}");
    // The group of the first two tasks is one merged cell, as the plans print it.
    assert!(text("xl/worksheets/sheet4.xml").contains(r#"<mergeCell ref="A5:A6"/>"#));
    // The reference plan: no tasks, no agency, no calendar; three sheets as before.
    let parts = parts_of(&to_xlsx(&kehoach::reference::plan(), Lang::Vi).expect("exports"));
    assert!(parts.iter().any(|(n, _)| n == "xl/worksheets/sheet3.xml"));
    assert!(!parts.iter().any(|(n, _)| n == "xl/worksheets/sheet4.xml"));
}
