//! The seeds' tasks, duties and reporting calendars as drafts (`fixtures/tasks/`, described in its
//! README): each loads without warnings, is written exactly as `to_json` writes it, round-trips,
//! and the engine reads its tasks' times, its agencies' responsibilities and its calendar.
//!
//! `UPDATE_FIXTURES=1 cargo test --test tasks_seeds` rewrites the files as `to_json` writes them
//! (after a hand edit: ids, order and content are kept, totals recomputed).
#![cfg(not(target_arch = "wasm32"))]

use kehoach::engine::work::{Responsibility, TaskTime, calendar, report_dates, responsibilities};
use kehoach::engine::{FundingSplit, Totals, validate};
use kehoach::io::json::{from_json, to_json};
use kehoach::model::{AgencyLevel, Plan, ReportKind, YearRange};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const BAC_KAN: &str = "bac_kan_000.json";
const TIEN_GIANG: &str = "tien_giang_001.json";
const KON_TUM: &str = "kon_tum_003.json";
const ALL: [&str; 3] = [BAC_KAN, TIEN_GIANG, KON_TUM];

const GD: &str = "Sở Giáo dục và Đào tạo";

fn path(file: &str) -> String {
    format!("{}/fixtures/tasks/{file}", env!("CARGO_MANIFEST_DIR"))
}

/// The fixture's plan, checked to load cleanly as version 2.
fn load(file: &str) -> Plan {
    let text = std::fs::read_to_string(path(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let draft = from_json(&text).unwrap_or_else(|e| panic!("{file}: {e:?}"));
    assert!(draft.warnings.is_empty(), "{file}: {:#?}", draft.warnings);
    assert_eq!(draft.version, 2, "{file}");
    draft.plan
}

fn by_name<'a>(r: &'a [Responsibility], name: &str) -> &'a Responsibility {
    r.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("no responsibilities for {name}"))
}

#[test]
fn each_fixture_is_written_as_to_json_writes_it_and_round_trips() {
    for file in ALL {
        let text = std::fs::read_to_string(path(file)).unwrap();
        let draft = from_json(&text).unwrap();
        let written = to_json(&draft.name, &draft.plan);
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            std::fs::write(path(file), &written).unwrap();
        } else {
            assert!(written == text, "{file} is not as to_json writes it (UPDATE_FIXTURES=1 rewrites it)");
        }
        let again = from_json(&written).unwrap();
        assert!(again.warnings.is_empty(), "{file}: {:#?}", again.warnings);
        assert_eq!(again.name, draft.name, "{file}");
        assert_eq!(again.plan, draft.plan, "{file}");
        assert_eq!(load(file), draft.plan);
    }
}

/// Tasks, agencies, reports, budget lines some task spends, targets: as entered from the seeds.
#[test]
fn the_counts_are_the_seeds() {
    for (file, tasks, agencies, reports, lines_spent, targets) in
        [(BAC_KAN, 63, 24, 3, 4, 5), (TIEN_GIANG, 39, 23, 4, 0, 2), (KON_TUM, 16, 19, 4, 0, 6)]
    {
        let plan = load(file);
        assert_eq!(plan.tasks.len(), tasks, "{file}: tasks");
        assert_eq!(plan.agencies.len(), agencies, "{file}: agencies");
        assert_eq!(plan.reports.len(), reports, "{file}: reports");
        let spent: std::collections::BTreeSet<_> = plan.tasks.iter().flat_map(|t| t.lines.iter()).collect();
        assert_eq!(spent.len(), lines_spent, "{file}: lines spent");
        assert_eq!(plan.targets.len(), targets, "{file}: targets");
        let served: std::collections::BTreeSet<_> = plan.targets.iter().map(|t| t.id).collect();
        assert!(plan.tasks.iter().flat_map(|t| t.targets.iter()).all(|id| served.contains(id)), "{file}");
        // Every task has a lead; every name where someone acts is in the directory, every
        // directory entry acts somewhere, each name once.
        for (i, task) in plan.tasks.iter().enumerate() {
            assert!(!task.lead.trim().is_empty(), "{file}: task {i} has no lead");
            assert!(!task.name.trim().is_empty(), "{file}: task {i} has no name");
        }
        let mut names: Vec<&str> = plan.agency_names();
        let mut directory: Vec<&str> = plan.agencies.iter().map(|a| a.name.as_str()).collect();
        names.sort_unstable();
        directory.sort_unstable();
        assert_eq!(names, directory, "{file}");
        directory.dedup();
        assert_eq!(directory.len(), agencies, "{file}: a name twice");
        let mut synced = plan.clone();
        assert_eq!(synced.sync_agencies(), 0, "{file}");
    }
}

#[test]
fn bac_kan_holds_the_reference_budget() {
    let plan = load(BAC_KAN);
    let reference = kehoach::reference::plan_with_sources();
    assert_eq!(plan.period, reference.period);
    assert_eq!(plan.phases, reference.phases);
    assert_eq!(plan.sources, reference.sources);
    assert_eq!(plan.lines.len(), reference.lines.len());
    for (line, expected) in plan.lines.iter().zip(&reference.lines) {
        assert_eq!((line.id, &line.name, &line.amounts), (expected.id, &expected.name, &expected.amounts));
        assert!(!line.agency.is_empty() && !line.notes.is_empty(), "{}", line.name);
    }
    let totals = Totals::compute(&plan);
    assert_eq!(totals.grand(), dec!(5400));
    assert_eq!((totals.phase_total(0), totals.phase_total(1)), (dec!(3080), dec!(2320)));
    // The seeds' targets for Bắc Kạn, with the directory's spelling of the lead agencies.
    let targets = kehoach::reference::seed_targets_plan().targets;
    let bac_kan: Vec<_> = targets.iter().filter(|t| t.group.ends_with("(Bắc Kạn)")).collect();
    assert_eq!(plan.targets.len(), bac_kan.len());
    for (t, expected) in plan.targets.iter().zip(bac_kan) {
        assert_eq!((&t.name, &t.milestones, t.comparison), (&expected.name, &expected.milestones, expected.comparison));
        assert_eq!(t.agency, expected.agency.replace('–', "-"));
    }
}

/// The appendix "Kế hoạch thành phần | Nội dung | Chủ trì | Phối hợp | Thời gian", rows 3–7 (the
/// seed's text begins inside row 3).
#[test]
fn bac_kan_appendix_rows_are_tasks() {
    let plan = load(BAC_KAN);
    let rows: Vec<_> = plan.tasks.iter().filter(|t| !t.number.is_empty()).collect();
    assert_eq!(rows.iter().map(|t| t.number.as_str()).collect::<Vec<_>>(), ["3", "4", "5", "6", "7"]);
    let row5 = rows[2];
    assert_eq!(
        row5.group,
        "Kế hoạch thực hiện Đề án “Hỗ trợ cho người lao động nông thôn, những người hết tuổi lao động, người nội trợ, người khuyết tật có điều kiện thuận lợi để học tập suốt đời” trên địa bàn tỉnh"
    );
    assert_eq!(row5.lead, "Sở Lao động - Thương binh và Xã hội");
    assert_eq!(
        row5.partners,
        [
            "Sở Nông nghiệp và Phát triển nông thôn",
            "Sở Văn hóa, Thể thao và Du lịch",
            GD,
            "Hội Người cao tuổi tỉnh",
            "Hội Nông dân tỉnh"
        ]
    );
    assert_eq!(row5.time, "Theo hướng dẫn của Bộ Lao động - Thương binh và Xã hội");
    for row in &rows {
        assert!(row.time.starts_with("Theo hướng dẫn của "), "{}", row.time);
        assert_eq!(TaskTime::read(&row.time, &plan), TaskTime::Text, "{}", row.time);
    }
    // The training row spends the training and the facilities lines.
    let names = |t: &kehoach::model::Task| -> Vec<String> {
        t.lines.iter().map(|id| plan.lines[plan.line_index(*id).unwrap()].name.clone()).collect()
    };
    assert_eq!(names(rows[0]), ["CSVC, tài liệu", "Đào tạo bồi dưỡng"]);
    assert_eq!(names(rows[3]), ["Tuyên truyền"]);
}

#[test]
fn bac_kan_responsibilities() {
    let plan = load(BAC_KAN);
    let totals = Totals::compute(&plan);
    let r = responsibilities(&plan, &totals);
    assert_eq!(r.len(), plan.agencies.len(), "every name is in the directory");
    let gd = by_name(&r, GD);
    assert_eq!(gd.short, "Sở GD và ĐT");
    assert_eq!(gd.level, AgencyLevel::Province);
    assert_eq!(gd.leads.len(), 13, "appendix row 3 and twelve duties of V.2 a)");
    assert_eq!(gd.coordinates.len(), 11);
    let first = &plan.tasks[gd.leads[0]];
    assert_eq!(first.number, "3");
    assert!(first.name.starts_with("Đẩy mạnh các hoạt động đào tạo từ xa ở các cơ sở giáo dục"), "{}", first.name);
    assert!(
        gd.leads.iter().any(|&i| plan.tasks[i].name
            == "Phụ trách nhóm đối tượng xóa mù chữ và phổ cập giáo dục theo mục tiêu của Kế hoạch")
    );
    assert_eq!(gd.targets_led.len(), 2, "literacy 15–60 and 15–35");
    // CSVC, Đào tạo bồi dưỡng and Quản lý: 2500 + 2300 + 200.
    assert_eq!(gd.lines, [1, 2, 3]);
    assert_eq!(gd.money, dec!(5000));
    assert_eq!(gd.money_by_phase, [dec!(2880), dec!(2120), Decimal::ZERO]);
    assert_eq!(gd.follows, ["huyện Pác Nặm", "thị xã Bắc Kạn"]);
    let tt = by_name(&r, "Sở Thông tin và Truyền thông");
    assert_eq!((tt.money, tt.follows.as_slice()), (dec!(400), ["huyện Na Rì".to_string()].as_slice()));
    assert_eq!(tt.leads.len(), 3);
    // The departments that follow districts cover the province's seven districts and its town.
    let mut followed: Vec<&str> = plan.agencies.iter().flat_map(|a| a.follows.iter().map(String::as_str)).collect();
    followed.sort_unstable();
    assert_eq!(
        followed,
        [
            "huyện Ba Bể",
            "huyện Bạch Thông",
            "huyện Chợ Mới",
            "huyện Chợ Đồn",
            "huyện Na Rì",
            "huyện Ngân Sơn",
            "huyện Pác Nặm",
            "thị xã Bắc Kạn"
        ]
    );
    let money: Decimal = r.iter().map(|x| x.money).sum();
    assert_eq!(money, totals.grand(), "each line is led by one agency");
    let levels = |level| plan.agencies.iter().filter(|a| a.level == level).count();
    assert_eq!(AgencyLevel::ALL.map(levels), [13, 1, 0, 3, 6, 1]);
}

#[test]
fn the_reporting_calendars() {
    // Bắc Kạn: three reports in June and December of every year of 2012–2020.
    let plan = load(BAC_KAN);
    let cal = calendar(&plan);
    assert_eq!(cal.len(), 3 * 9 * 2);
    assert_eq!((cal[0].year, cal[0].month), (2012, 6));
    assert_eq!((cal[cal.len() - 1].year, cal[cal.len() - 1].month), (2020, 12));
    assert!(cal.windows(2).all(|w| (w[0].year, w[0].month) <= (w[1].year, w[1].month)));
    for report in &plan.reports {
        assert_eq!(report.kind, ReportKind::Periodic);
        let dates = report_dates(report, &plan);
        assert_eq!(dates.len(), 18, "{}", report.when);
        assert!(dates.iter().all(|&(_, m)| m == 6 || m == 12), "{}", report.when);
    }
    let to_gd = plan.reports.iter().filter(|r| r.to == GD).count();
    assert_eq!(to_gd, 2, "the departments and the districts report to Sở GD&ĐT, which reports to UBND tỉnh");

    // Tiền Giang: the mid-term review at the end of 2025, the final one at the end of 2030, reports
    // before 1 December of every year.
    let plan = load(TIEN_GIANG);
    let cal = calendar(&plan);
    assert_eq!(cal.len(), 2 + 2 * 10);
    assert_eq!((cal[0].year, cal[0].month), (2021, 12));
    assert_eq!((cal[cal.len() - 1].year, cal[cal.len() - 1].month), (2030, 12));
    let kind = |k| plan.reports.iter().find(|r| r.kind == k).unwrap();
    assert_eq!(report_dates(kind(ReportKind::MidTerm), &plan), [(2025, 12)]);
    assert_eq!(report_dates(kind(ReportKind::Final), &plan), [(2030, 12)]);
    assert_eq!(report_dates(kind(ReportKind::Periodic), &plan), (2021..=2030).map(|y| (y, 12)).collect::<Vec<_>>());

    // Kon Tum: the plan dates neither its reviews nor its reports; the reviews fall where the
    // engine puts undated ones (the end of the period's middle year, the end of the period).
    let plan = load(KON_TUM);
    assert_eq!(plan.period, YearRange::new(2015, 2020));
    let cal = calendar(&plan);
    assert_eq!(cal.iter().map(|e| (e.year, e.month)).collect::<Vec<_>>(), [(2017, 12), (2020, 12)]);
    assert!(plan.reports.iter().filter(|r| r.kind == ReportKind::Dated).all(|r| report_dates(r, &plan).is_empty()));
}

/// Every task's time as the engine reads it: a date where the text has one, every year for
/// "hàng năm" and its kin, plain text for "Theo hướng dẫn của Bộ …".
#[test]
fn the_task_times_read() {
    for file in ALL {
        let plan = load(file);
        for task in &plan.tasks {
            let read = TaskTime::read(&task.time, &plan);
            let f = task.time.to_lowercase();
            let expected_yearly = ["hàng năm", "hằng năm", "định kỳ", "thường xuyên"].iter().any(|k| f.contains(k));
            if expected_yearly {
                assert_eq!(read, TaskTime::Yearly, "{file}: {}", task.time);
            } else if task.time.chars().filter(char::is_ascii_digit).count() >= 4 {
                let years = read.years(&plan).unwrap_or_else(|| panic!("{file}: {} has no date", task.time));
                assert!(plan.period.contains(years.first) && plan.period.contains(years.last), "{file}: {}", task.time);
            } else {
                assert_eq!(read, TaskTime::Text, "{file}: {}", task.time);
            }
        }
    }
    let plan = load(BAC_KAN);
    let read = |s: &str| TaskTime::read(s, &plan);
    assert_eq!(read("từ năm 2013"), TaskTime::From(2013));
    assert_eq!(read("định kỳ 06 tháng, 01 năm"), TaskTime::Yearly);
    assert_eq!(read("hằng năm"), TaskTime::Yearly);
    assert_eq!(read("hàng năm và từng giai đoạn"), TaskTime::Yearly);
    assert_eq!(read("Theo hướng dẫn của Bộ"), TaskTime::Text);
    assert_eq!(read("Theo hướng dẫn của Bộ Giáo dục và Đào tạo"), TaskTime::Text);
    assert_eq!(read("Theo hướng dẫn của Tổng Liên đoàn Lao động Việt Nam"), TaskTime::Text);
    // Seed 004 (Sơn La): "… trước tháng 5/2013 và … trước tháng 7/2013".
    assert_eq!(read("trước tháng 5/2013"), TaskTime::Month { year: 2013, month: 5, before: true });
    // Seed 002: "xây dựng kế hoạch từng năm, từng giai đoạn".
    assert_eq!(read("từng năm, từng giai đoạn"), TaskTime::Yearly);
    assert_eq!(read("Giai đoạn 2"), TaskTime::Phase(1));
    assert_eq!(TaskTime::Phase(1).years(&plan), Some(YearRange::new(2016, 2020)));
}

#[test]
fn the_fixtures_raise_no_doubt_about_their_tasks() {
    for file in ALL {
        let plan = load(file);
        let totals = Totals::compute(&plan);
        let diagnostics = validate(&plan, &totals, &FundingSplit::compute(&plan, &totals));
        let work: Vec<_> = diagnostics
            .iter()
            .filter(|d| {
                [
                    "task_without_lead",
                    "task_outside_period",
                    "agency_acts_nowhere",
                    "line_not_spent",
                    "target_not_served",
                ]
                .contains(&d.code.as_ref())
            })
            .collect();
        assert!(work.is_empty(), "{file}: {work:#?}");
    }
}
