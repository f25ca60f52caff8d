//! Tests of the work read from the plan and of its edits.

use super::*;
use crate::engine::{AgencyChange, Edit, Editor, ReportChange, TaskChange};
use crate::model::{Agency, MoneyUnit, Phase, Report, Target, Task};

/// Seed 000's budget with two tasks, a target and a calendar.
fn plan() -> Plan {
    let mut plan = crate::reference::plan();
    let line = |i: usize| plan.lines[i].id;
    let (l0, l1) = (line(0), line(1));
    let target = Target {
        id: ItemId(900),
        name: "Biết chữ".into(),
        agency: "Sở Giáo dục và Đào tạo".into(),
        ..Default::default()
    };
    let target_id = target.id;
    plan.targets.push(target);
    plan.tasks.push(Task {
        id: ItemId(901),
        number: "1.".into(),
        name: "Tuyên truyền về xã hội học tập".into(),
        lead: "Sở Thông tin và Truyền thông".into(),
        partners: vec!["Sở Giáo dục và Đào tạo".into()],
        time: "2013–2015".into(),
        lines: vec![l0],
        ..Default::default()
    });
    plan.tasks.push(Task {
        id: ItemId(902),
        number: "2.".into(),
        name: "Bồi dưỡng cán bộ".into(),
        lead: "Sở Giáo dục và Đào tạo".into(),
        time: "hằng năm".into(),
        lines: vec![l1],
        targets: vec![target_id],
        ..Default::default()
    });
    plan.lines[1].agency = "Sở Giáo dục và Đào tạo".into();
    plan.reports.push(Report {
        id: ItemId(903),
        kind: crate::model::ReportKind::Periodic,
        name: "Báo cáo tình hình thực hiện".into(),
        when: "tháng 6 và tháng 12 hằng năm".into(),
        from: "Sở Giáo dục và Đào tạo".into(),
        to: "UBND tỉnh".into(),
    });
    plan.reports.push(Report {
        id: ItemId(904),
        kind: crate::model::ReportKind::Final,
        name: "Tổng kết".into(),
        ..Default::default()
    });
    plan.sync_agencies();
    plan
}

#[test]
fn task_times_read_as_the_plans_write_them() {
    let mut p = Plan::new("t", YearRange::new(2012, 2020), MoneyUnit::Million);
    p.phases.push(Phase { id: ItemId(1), name: "Giai đoạn 1".into(), years: YearRange::new(2012, 2015) });
    p.phases.push(Phase { id: ItemId(2), name: "Giai đoạn 2".into(), years: YearRange::new(2016, 2020) });
    let read = |t: &str| TaskTime::read(t, &p);
    assert_eq!(read("2013–2015"), TaskTime::Years(YearRange::new(2013, 2015)));
    assert_eq!(read("2013 - 2015"), TaskTime::Years(YearRange::new(2013, 2015)));
    assert_eq!(read("Năm 2014"), TaskTime::Year(2014));
    assert_eq!(read("Từ năm 2013"), TaskTime::From(2013));
    assert_eq!(read("trước tháng 5/2013"), TaskTime::Month { year: 2013, month: 5, before: true });
    assert_eq!(read("Tháng 12 năm 2014"), TaskTime::Month { year: 2014, month: 12, before: false });
    assert_eq!(read("Quý II/2014"), TaskTime::Month { year: 2014, month: 6, before: false });
    assert_eq!(read("Hằng năm"), TaskTime::Yearly);
    assert_eq!(read("Hàng năm"), TaskTime::Yearly);
    assert_eq!(read("Giai đoạn 2"), TaskTime::Phase(1));
    assert_eq!(read("Theo hướng dẫn của Bộ"), TaskTime::Text);
    assert_eq!(read(""), TaskTime::Text);
    assert_eq!(read("Giai đoạn 2").years(&p), Some(YearRange::new(2016, 2020)));
    assert_eq!(read("Từ năm 2013").years(&p), Some(YearRange::new(2013, 2020)));
    assert_eq!(read("Theo hướng dẫn của Bộ").years(&p), None);
}

#[test]
fn each_agency_answers_for_its_tasks_targets_and_money() {
    let plan = plan();
    let totals = Totals::compute(&plan);
    let r = responsibilities(&plan, &totals);
    let edu = r.iter().find(|a| a.name == "Sở Giáo dục và Đào tạo").expect("listed");
    assert_eq!(edu.leads, vec![1]);
    assert_eq!(edu.coordinates, vec![0]);
    assert_eq!(edu.targets_led, vec![0]);
    assert_eq!(edu.lines, vec![1]);
    assert_eq!(edu.money, totals.line_total(1));
    assert_eq!(edu.money_by_phase.len(), plan.phases.len() + 1);
    assert_eq!(edu.money_by_phase.iter().copied().sum::<Decimal>(), edu.money);
    let info = r.iter().find(|a| a.name == "Sở Thông tin và Truyền thông").expect("listed");
    assert_eq!((info.leads.clone(), info.money), (vec![0], Decimal::ZERO));
    // The task's linked lines' money.
    assert_eq!(lines_money(&plan, &totals, &plan.tasks[1].lines), totals.line_total(1));
    assert!(r.iter().any(|a| a.name == "UBND tỉnh"));
}

#[test]
fn the_calendar_lists_every_date_in_order() {
    let plan = plan();
    let dates = calendar(&plan);
    // June and December of 2012–2020, then the final review at the end of 2020.
    assert_eq!(dates.len(), 9 * 2 + 1);
    assert_eq!((dates[0].year, dates[0].month, dates[0].report), (2012, 6, 0));
    assert_eq!((dates[1].year, dates[1].month), (2012, 12));
    let last = dates.last().unwrap();
    assert_eq!((last.year, last.month, last.report), (2020, 12, 1));
    let at = |when: &str| report_dates(&Report { when: when.into(), ..Default::default() }, &plan);
    assert_eq!(at("cuối năm 2025"), vec![(2025, 12)]);
    assert_eq!(at("quý II/2026"), vec![(2026, 6)]);
    assert_eq!(at("trước tháng 5/2013"), vec![(2013, 5)]);
    assert_eq!(at("định kỳ 6 tháng").len(), 18);
    let mid = Report { kind: crate::model::ReportKind::MidTerm, ..Default::default() };
    assert_eq!(report_dates(&mid, &plan), vec![(2016, 12)]);
}

#[test]
fn doubts_about_the_work_are_diagnostics() {
    let mut plan = plan();
    plan.tasks[0].lead.clear();
    plan.tasks[1].time = "2025".into();
    plan.agencies.push(Agency { id: ItemId(990), name: "Sở Y tế".into(), ..Default::default() });
    let codes: Vec<(String, String)> = Editor::new(plan)
        .diagnostics()
        .into_iter()
        .map(|d| (d.code.to_string(), d.location.to_string()))
        .filter(|(c, _)| {
            ["task_without_lead", "task_outside_period", "agency_acts_nowhere", "line_not_spent", "target_not_served"]
                .contains(&c.as_str())
        })
        .collect();
    let has = |code: &str, at: &str| codes.iter().any(|(c, l)| c == code && l == at);
    assert!(has("task_without_lead", "$.tasks[0].lead"), "{codes:?}");
    assert!(has("task_outside_period", "$.tasks[1].time"), "{codes:?}");
    assert!(codes.iter().any(|(c, l)| c == "agency_acts_nowhere" && l.starts_with("$.agencies[")), "{codes:?}");
    // Lines 0 and 1 are spent; the others (with money) are not.
    assert!(codes.iter().any(|(c, l)| c == "line_not_spent" && l == "$.lines[2]"), "{codes:?}");
    assert!(!codes.iter().any(|(c, l)| c == "line_not_spent" && (l == "$.lines[0]" || l == "$.lines[1]")), "{codes:?}");
    assert!(!codes.iter().any(|(c, _)| c == "target_not_served"), "{codes:?}");
    // A plan without tasks is not asked which task spends its lines.
    let bare = Editor::new(crate::reference::plan()).diagnostics();
    assert!(!bare.iter().any(|d| d.code == "line_not_spent" || d.code == "target_not_served"));
}

#[test]
fn work_edits_are_undo_steps() {
    let mut ed = Editor::new(plan());
    let before = ed.plan().clone();
    let id = ItemId(950);
    let task = Task { id, name: "Mới".into(), ..Default::default() };
    let impact = ed.apply(Edit::InsertTask { index: 99, task: Box::new(task) }).unwrap();
    assert!(impact.work);
    assert_eq!(ed.plan().tasks.last().map(|t| t.id), Some(id));
    ed.apply(Edit::SetTask { id, change: TaskChange::Lead("Sở Tài chính".into()) }).unwrap();
    ed.apply(Edit::MoveTask { id, to: 0 }).unwrap();
    assert_eq!(ed.plan().tasks[0].lead, "Sở Tài chính");
    // An unknown id changes nothing and is no undo step.
    assert!(ed.apply(Edit::RemoveTask { id: ItemId(12345) }).unwrap().is_empty());
    let report = ed.plan().reports[0].id;
    ed.apply(Edit::SetReport { id: report, change: ReportChange::When("hằng năm".into()) }).unwrap();
    let agency = ed.plan().agencies[0].id;
    ed.apply(Edit::SetAgency { id: agency, change: AgencyChange::Short("Sở TT&TT".into()) }).unwrap();
    for _ in 0..5 {
        ed.undo();
    }
    assert_eq!(ed.plan(), &before);
    for _ in 0..5 {
        ed.redo();
    }
    assert_eq!(ed.plan().tasks[0].lead, "Sở Tài chính");
    assert_eq!(ed.plan().agencies[0].short, "Sở TT&TT");
}

#[test]
fn renaming_an_agency_renames_it_everywhere_in_one_step() {
    let mut ed = Editor::new(plan());
    let before = ed.plan().clone();
    let from = "Sở Giáo dục và Đào tạo";
    let impact =
        ed.apply(Edit::RenameAgency { from: from.into(), to: "Sở Giáo dục, Đào tạo và Khoa học".into() }).unwrap();
    let p = ed.plan();
    let to = "Sở Giáo dục, Đào tạo và Khoa học";
    assert_eq!(p.lines[1].agency, to);
    assert_eq!(p.targets[0].agency, to);
    assert_eq!(p.tasks[0].partners, vec![to.to_string()]);
    assert_eq!(p.tasks[1].lead, to);
    assert_eq!(p.reports[0].from, to);
    assert!(p.agency_index(to).is_some() && p.agency_index(from).is_none());
    assert!(!p.agency_names().contains(&from));
    assert_eq!(impact.meta_rows, vec![1]);
    assert!(impact.targets && impact.work);
    // A name already in use is refused: two agencies would become one.
    assert!(ed.apply(Edit::RenameAgency { from: to.into(), to: "UBND tỉnh".into() }).unwrap().is_empty());
    ed.undo();
    assert_eq!(ed.plan(), &before);
}

#[test]
fn a_first_version_draft_gets_its_directory_from_where_agencies_act() {
    let mut plan = crate::reference::plan();
    plan.lines[0].agency = "Sở Giáo dục và Đào tạo".into();
    plan.lines[1].agency = "UBND huyện Na Rì".into();
    let v1 = crate::io::json::to_json("x", &plan).replace("urn:kehoach:draft:v2", "urn:kehoach:draft:v1");
    let loaded = crate::io::json::from_json(&v1).unwrap();
    assert_eq!(loaded.version, 1);
    let names: Vec<(&str, AgencyLevel)> = loaded.plan.agencies.iter().map(|a| (a.name.as_str(), a.level)).collect();
    assert_eq!(
        names,
        vec![("Sở Giáo dục và Đào tạo", AgencyLevel::Province), ("UBND huyện Na Rì", AgencyLevel::District)]
    );
    // Written again, it is a version 2 draft that reads back as it is.
    let v2 = crate::io::json::to_json("x", &loaded.plan);
    assert!(v2.contains("urn:kehoach:draft:v2") && v2.contains("\"agencies\""));
    assert_eq!(crate::io::json::from_json(&v2).unwrap().plan, loaded.plan);
}

fn phased_plan() -> Plan {
    let mut plan = Plan::new("", YearRange::new(2012, 2020), MoneyUnit::Million);
    plan.push_phase("Giai đoạn 1", YearRange::new(2012, 2015));
    plan.push_phase("Giai đoạn 2", YearRange::new(2016, 2020));
    plan
}

fn report(kind: ReportKind, when: &str) -> Report {
    Report { kind, when: when.into(), ..Default::default() }
}

/// "từng năm" is every year: seed 002 "xây dựng kế hoạch từng năm, từng giai đoạn", seed 004
/// "tổ chức sơ kết Chương trình hành động theo từng năm" (read as the middle year's review).
#[test]
fn tung_nam_is_every_year() {
    let plan = phased_plan();
    assert_eq!(TaskTime::read("từng năm, từng giai đoạn", &plan), TaskTime::Yearly);
    assert_eq!(TaskTime::read("theo từng năm", &plan), TaskTime::Yearly);
    let every_december: Vec<(Year, u8)> = (2012..=2020).map(|y| (y, 12)).collect();
    assert_eq!(report_dates(&report(ReportKind::MidTerm, "theo từng năm"), &plan), every_december);
}

/// The "quy" of "theo quy định" is no quarter (seed 000: "… hàng năm, đồng thời Sở Tài chính
/// báo cáo UBND tỉnh trình HĐND tỉnh theo quy định"); "hằng quý" is.
#[test]
fn quy_dinh_is_no_quarter() {
    let plan = phased_plan();
    let dates = |when: &str| report_dates(&report(ReportKind::Periodic, when), &plan);
    assert_eq!(dates("hàng năm, theo quy định"), (2012..=2020).map(|y| (y, 12)).collect::<Vec<_>>());
    assert_eq!(dates("định kỳ theo quy định").len(), 9);
    assert_eq!(dates("theo định kỳ trước ngày 01/12 hàng năm").len(), 9);
    for quarterly in ["hằng quý", "định kỳ hàng quý", "hang quy", "mỗi quý"] {
        let d = dates(quarterly);
        assert_eq!(d.len(), 36, "{quarterly}");
        assert_eq!(&d[..4], [(2012, 3), (2012, 6), (2012, 9), (2012, 12)], "{quarterly}");
    }
}

#[test]
fn an_agency_level_is_guessed_from_its_name() {
    let guess = AgencyLevel::guess;
    assert_eq!(guess("Hội Khuyến học tỉnh"), AgencyLevel::Association);
    assert_eq!(guess("UBND huyện Na Rì"), AgencyLevel::District);
    assert_eq!(guess("UBND xã Côn Minh"), AgencyLevel::Commune);
    assert_eq!(guess("Hội Liên hiệp Phụ nữ tỉnh"), AgencyLevel::MassOrganisation);
    assert_eq!(guess("Tỉnh đoàn"), AgencyLevel::MassOrganisation);
    assert_eq!(guess("Sở Giáo dục và Đào tạo"), AgencyLevel::Province);
}
