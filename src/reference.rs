//! The reference plan: section IV of the Bắc Kạn plan (seed 000), "Dự kiến kinh phí hàng năm",
//! in triệu đồng. The workbench must reproduce its figures exactly: phases 3080 and 2320,
//! total 5400, central budget 40 % = 2160, local budget 60 % = 3240.

use rust_decimal::Decimal;

use crate::model::{FundingSource, MoneyUnit, Plan, ShareRule, SourceKind, YearRange};

/// Budget lines of the reference table: name and amounts for 2013–2020.
pub const LINES: [(&str, [i64; 8]); 4] = [
    ("Tuyên truyền", [70, 70, 60, 40, 40, 40, 40, 40]),
    ("CSVC, tài liệu", [400, 500, 500, 300, 200, 200, 200, 200]),
    ("Đào tạo bồi dưỡng", [400, 500, 500, 200, 200, 200, 200, 100]),
    ("Quản lý", [25, 25, 30, 25, 25, 25, 25, 20]),
];

/// First year with money in the table (the plan's period starts in 2012, with no 2012 row).
pub const FIRST_YEAR_WITH_MONEY: i32 = 2013;

/// The reference plan as the table states it: period 2012–2020, phases GĐ 1 (2012–2015) and
/// GĐ 2 (2016–2020), four lines, no funding sources yet.
pub fn plan() -> Plan {
    let mut plan = Plan::new(
        "Kế hoạch thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2012–2020” trên địa bàn tỉnh Bắc Kạn",
        YearRange::new(2012, 2020),
        MoneyUnit::Million,
    );
    plan.issuer = "UBND tỉnh Bắc Kạn".into();
    plan.push_phase("Giai đoạn 1", YearRange::new(2012, 2015));
    plan.push_phase("Giai đoạn 2", YearRange::new(2016, 2020));
    for (name, amounts) in LINES {
        let amounts: Vec<(i32, Decimal)> =
            amounts.iter().enumerate().map(|(k, &a)| (FIRST_YEAR_WITH_MONEY + k as i32, Decimal::from(a))).collect();
        plan.push_line(name, &amounts);
    }
    plan
}

/// The reference plan with the funding the text states: central budget 40 %, local budget 60 %.
pub fn plan_with_sources() -> Plan {
    let mut plan = plan();
    for (name, kind, share) in
        [("Ngân sách Trung ương", SourceKind::CentralBudget, 40), ("Ngân sách địa phương", SourceKind::LocalBudget, 60)]
    {
        let id = plan.next_id();
        plan.sources.push(FundingSource {
            id,
            name: name.into(),
            kind,
            rule: ShareRule::percent(Decimal::from(share)),
            ..Default::default()
        });
    }
    plan
}

/// A large synthetic plan for benchmarks and scale tests: `lines` budget lines (grouped by ten
/// under group rows), `years` years from 2021 split into phases of five years, two sources
/// (40 % and the remainder), amounts from a fixed pseudo-random sequence (whole triệu, some with
/// one decimal).
pub fn large_plan(lines: usize, years: usize) -> Plan {
    let first = 2021;
    let last = first + years.max(1) as i32 - 1;
    let mut plan = Plan::new("Kế hoạch lớn (thử nghiệm)", YearRange::new(first, last), MoneyUnit::Million);
    let mut start = first;
    let mut n = 1;
    while start <= last {
        let end = (start + 4).min(last);
        plan.push_phase(&format!("Giai đoạn {n}"), YearRange::new(start, end));
        start = end + 1;
        n += 1;
    }
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in 0..lines {
        if i % 11 == 0 {
            let id = plan.next_id();
            plan.lines.push(crate::model::BudgetLine {
                id,
                name: format!("Nhóm {}", i / 11 + 1),
                code: format!("{}", i / 11 + 1),
                ..Default::default()
            });
            continue;
        }
        let amounts: Vec<(i32, Decimal)> = (0..years)
            .map(|k| {
                let r = next();
                let v = Decimal::new((r % 50_000) as i64, if r % 7 == 0 { 1 } else { 0 });
                (first + k as i32, v)
            })
            .collect();
        let id = plan.push_line(&format!("Nội dung {}", i + 1), &amounts);
        if let Some(line) = plan.lines.iter_mut().find(|l| l.id == id) {
            line.depth = 1;
        }
    }
    for (name, kind, rule) in [
        ("Ngân sách Trung ương", SourceKind::CentralBudget, ShareRule::percent(Decimal::from(40))),
        ("Ngân sách địa phương", SourceKind::LocalBudget, ShareRule::Remainder),
    ] {
        let id = plan.next_id();
        plan.sources.push(FundingSource { id, name: name.into(), kind, rule, ..Default::default() });
    }
    plan
}
