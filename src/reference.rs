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
