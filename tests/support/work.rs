//! The reference plan (seed 000, 5,400 triệu đồng) with who does what: a group line, lines led by
//! agencies, targets, tasks linked to lines and targets, a directory with short names, levels and
//! followed districts, and a reporting calendar.

use kehoach::model::{AgencyLevel, BudgetLine, ItemId, Plan, Report, ReportKind, Task};

/// The plan; `plan.lines`: 0 "Hoạt động" (a group of 1 and 2), 1 Tuyên truyền, 2 CSVC, tài
/// liệu, 3 Đào tạo bồi dưỡng, 4 Quản lý.
pub fn plan_with_tasks() -> Plan {
    let mut plan = kehoach::reference::plan();
    let mut lines = plan.lines.clone();
    for l in lines.iter_mut().take(2) {
        l.depth = 1;
    }
    lines.insert(0, BudgetLine { id: ItemId(100), name: "Hoạt động".into(), ..Default::default() });
    plan.lines = lines;
    plan.lines[0].agency = "Sở Giáo dục và Đào tạo".into();
    plan.lines[3].agency = "Sở Giáo dục và Đào tạo".into();
    plan.lines[4].agency = "Sở Tài chính".into();
    plan.targets = kehoach::reference::seed_targets_plan().targets.into_iter().take(3).collect();
    for (k, t) in plan.targets.iter_mut().enumerate() {
        t.id = ItemId(200 + k as u32);
    }
    plan.targets[1].partners = vec!["Hội Khuyến học".into()];
    let line = |i: usize| plan.lines[i].id;
    let target = |i: usize| plan.targets[i].id;
    let task = |group: &str, number: &str, name: &str, lead: &str| Task {
        group: group.into(),
        number: number.into(),
        name: name.into(),
        lead: lead.into(),
        ..Default::default()
    };
    let g1 = "Kế hoạch thành phần 1: Xóa mù chữ và phổ cập giáo dục";
    let g2 = "Kế hoạch thành phần 2: Xây dựng xã hội học tập";
    let mut tasks = vec![
        Task {
            partners: vec!["Sở Văn hóa, Thể thao và Du lịch".into(), "UBND các huyện, thành phố".into()],
            time: "2013–2015".into(),
            places: vec!["huyện Na Rì".into(), "huyện Pác Nặm".into()],
            lines: vec![line(0), line(1)],
            targets: vec![target(0), target(1)],
            notes: "Ưu tiên xã đặc biệt khó khăn".into(),
            ..task(g1, "1", "Tuyên truyền, vận động người dân đi học xóa mù chữ", "Sở Giáo dục và Đào tạo")
        },
        Task {
            partners: vec!["Hội Khuyến học".into()],
            time: "hằng năm".into(),
            lines: vec![line(3)],
            targets: vec![target(1)],
            ..task(g1, "2", "Bồi dưỡng giáo viên xóa mù chữ", "Sở Giáo dục và Đào tạo")
        },
        Task {
            partners: vec!["Sở Tài chính".into(), "Sở Kế hoạch và Đầu tư".into()],
            time: "Giai đoạn 2".into(),
            lines: vec![line(4), line(2)],
            ..task(g2, "1", "Mua sắm tài liệu cho trung tâm học tập cộng đồng", "Hội Khuyến học")
        },
        Task {
            time: "trước tháng 5/2013".into(),
            targets: vec![target(2)],
            ..task(g2, "2", "Xây dựng mô hình gia đình học tập", "Mặt trận Tổ quốc tỉnh")
        },
        Task {
            time: "Theo hướng dẫn của Bộ".into(), ..task("", "", "Kiểm tra, giám sát", "UBND tỉnh Bắc Kạn")
        },
    ];
    for (id, t) in (300..).zip(tasks.iter_mut()) {
        t.id = ItemId(id);
    }
    plan.tasks = tasks;
    plan.reports = vec![
        Report {
            id: ItemId(400),
            kind: ReportKind::Periodic,
            name: "Báo cáo tình hình thực hiện kế hoạch".into(),
            when: "định kỳ 6 tháng".into(),
            from: "Sở Giáo dục và Đào tạo".into(),
            to: "UBND tỉnh Bắc Kạn".into(),
        },
        Report {
            id: ItemId(401),
            kind: ReportKind::MidTerm,
            name: "Sơ kết giai đoạn 1".into(),
            when: "cuối năm 2015".into(),
            from: "Sở Giáo dục và Đào tạo".into(),
            to: "Bộ Giáo dục và Đào tạo".into(),
        },
        Report { id: ItemId(402), kind: ReportKind::Final, name: "Tổng kết".into(), ..Default::default() },
    ];
    plan.sync_agencies();
    let set = |plan: &mut Plan, name: &str, short: &str, level: AgencyLevel, follows: &[&str]| {
        let i = plan.agency_index(name).expect("an agency of the plan");
        let a = &mut plan.agencies[i];
        a.short = short.into();
        a.level = level;
        a.follows = follows.iter().map(|s| s.to_string()).collect();
    };
    set(&mut plan, "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", AgencyLevel::Province, &["huyện Na Rì", "huyện Ba Bể"]);
    set(&mut plan, "Hội Khuyến học", "", AgencyLevel::Association, &["thành phố Bắc Kạn"]);
    set(&mut plan, "UBND các huyện, thành phố", "", AgencyLevel::District, &[]);
    set(&mut plan, "Sở Tài chính", "STC", AgencyLevel::Other, &[]);
    // An agency of the directory that acts nowhere (yet), first in the directory.
    let id = plan.next_id();
    plan.agencies.insert(
        0,
        kehoach::model::Agency {
            id,
            name: "Đài Phát thanh - Truyền hình tỉnh".into(),
            short: "Đài PT-TH".into(),
            level: AgencyLevel::Province,
            follows: vec![],
        },
    );
    plan
}
