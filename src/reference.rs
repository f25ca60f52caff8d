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

/// A small xorshift sequence, the same on every run: the generated plans, fixtures and
/// randomised tests use it so that a failure can be replayed.
pub struct Xorshift(pub u64);

impl Xorshift {
    /// The next value of the sequence.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// The next value reduced to `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
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
    let mut rng = Xorshift(0x9E37_79B9_7F4A_7C15);
    let mut next = move || rng.next();
    // Ids counted here: `push_line` looks for the largest id each time, which made building
    // 50,000 lines quadratic.
    let mut id = plan.next_id().0 - 1;
    for i in 0..lines {
        id += 1;
        if i % 11 == 0 {
            plan.lines.push(crate::model::BudgetLine {
                id: crate::model::ItemId(id),
                name: format!("Nhóm {}", i / 11 + 1),
                code: format!("{}", i / 11 + 1),
                ..Default::default()
            });
            continue;
        }
        let amounts = (0..years)
            .map(|k| {
                let r = next();
                let v = Decimal::new((r % 50_000) as i64, if r % 7 == 0 { 1 } else { 0 });
                (first + k as i32, v)
            })
            .collect();
        plan.lines.push(crate::model::BudgetLine {
            id: crate::model::ItemId(id),
            name: format!("Nội dung {}", i + 1),
            depth: 1,
            amounts,
            ..Default::default()
        });
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

/// `units` unit plans for consolidation benchmarks: each [`large_plan`] of `lines` lines ×
/// `years` years with its own amounts, every third in tỷ đồng (amounts converted), every fifth
/// with two lines of its own, shares of 40 % and the remainder; named "Đơn vị 1" ….
pub fn unit_plans(units: usize, lines: usize, years: usize) -> Vec<(String, Plan)> {
    let mut rng = Xorshift(0x0C0A_5011_DA7E_5EED);
    (0..units)
        .map(|k| {
            let mut plan = large_plan(lines, years);
            plan.title = format!("Kế hoạch của đơn vị {}", k + 1);
            for line in &mut plan.lines {
                for v in line.amounts.values_mut() {
                    *v = Decimal::new((rng.next() % 50_000) as i64, u32::from(rng.next().is_multiple_of(7)));
                }
            }
            if k % 5 == 4 {
                let id = plan.next_id();
                plan.lines.push(crate::model::BudgetLine {
                    id,
                    name: format!("Nội dung riêng của đơn vị {}", k + 1),
                    depth: 1,
                    amounts: [(2021, Decimal::from(100))].into_iter().collect(),
                    ..Default::default()
                });
            }
            if k % 3 == 2 {
                for line in &mut plan.lines {
                    for v in line.amounts.values_mut() {
                        *v = MoneyUnit::Million.convert(*v, MoneyUnit::Billion);
                    }
                }
                plan.unit = MoneyUnit::Billion;
                plan.precision = MoneyUnit::Billion.exponent();
            }
            (format!("Đơn vị {}", k + 1), plan)
        })
        .collect()
}

/// The target indicators of the five seed plans (Bắc Kạn, Tiền Giang, Kon Tum, Sơn La; see
/// shared/DOMAIN.md), in a plan over 2012–2030 with phases ending in 2015, 2020, 2025 and 2030.
pub fn seed_targets_plan() -> Plan {
    use crate::model::{Comparison, Target, TargetUnit, TargetVariant};
    let mut plan = Plan::new("Chỉ tiêu của năm kế hoạch mẫu", YearRange::new(2012, 2030), MoneyUnit::Million);
    for (name, first, last) in [
        ("Giai đoạn 2012–2015", 2012, 2015),
        ("Giai đoạn 2016–2020", 2016, 2020),
        ("Giai đoạn 2021–2025", 2021, 2025),
        ("Giai đoạn 2026–2030", 2026, 2030),
    ] {
        plan.push_phase(name, YearRange::new(first, last));
    }
    let d = |v: i64| Decimal::from(v);
    let ms = |pairs: &[(i32, i64)]| pairs.iter().map(|&(y, v)| (y, d(v))).collect();
    type Row<'a> =
        (&'a str, &'a str, TargetUnit, Comparison, Vec<(i32, i64)>, Vec<(&'a str, Vec<(i32, i64)>)>, &'a str);
    let rows: Vec<Row> = vec![
        (
            "Xóa mù chữ (Bắc Kạn)",
            "Người trong độ tuổi 15–60 biết chữ",
            TargetUnit::Percent,
            Comparison::MoreThan,
            vec![(2015, 96), (2020, 98)],
            vec![],
            "Sở Giáo dục và Đào tạo",
        ),
        (
            "Xóa mù chữ (Bắc Kạn)",
            "Người trong độ tuổi 15–35 biết chữ",
            TargetUnit::Percent,
            Comparison::MoreThan,
            vec![(2015, 98), (2020, 99)],
            vec![],
            "Sở Giáo dục và Đào tạo",
        ),
        (
            "Ngoại ngữ (Bắc Kạn)",
            "Cán bộ, công chức đạt trình độ ngoại ngữ bậc 2",
            TargetUnit::Percent,
            Comparison::AtLeast,
            vec![(2015, 20), (2020, 40)],
            vec![],
            "Sở Nội vụ",
        ),
        (
            "Ngoại ngữ (Bắc Kạn)",
            "Cán bộ, công chức đạt trình độ ngoại ngữ bậc 3",
            TargetUnit::Percent,
            Comparison::AtLeast,
            vec![(2015, 5), (2020, 20)],
            vec![],
            "Sở Nội vụ",
        ),
        (
            "Lao động nông thôn (Bắc Kạn)",
            "Lao động nông thôn học tập tại trung tâm học tập cộng đồng",
            TargetUnit::Percent,
            Comparison::AtLeast,
            vec![(2015, 50), (2020, 70)],
            vec![],
            "Sở Lao động – Thương binh và Xã hội",
        ),
        (
            "Kỹ năng (Tiền Giang)",
            "Người trong độ tuổi lao động được trang bị kỹ năng sống",
            TargetUnit::Percent,
            Comparison::AtLeast,
            vec![(2025, 50), (2030, 70)],
            vec![],
            "Sở Giáo dục và Đào tạo",
        ),
        (
            "Đào tạo (Tiền Giang)",
            "Dân số từ 15 tuổi trở lên được đào tạo trình độ chuyên môn kỹ thuật",
            TargetUnit::Percent,
            Comparison::AtLeast,
            vec![(2025, 50), (2030, 60)],
            vec![("trong đó: trình độ đại học trở lên", vec![(2025, 12), (2030, 15)])],
            "Sở Lao động – Thương binh và Xã hội",
        ),
        (
            "Mô hình học tập (Kon Tum)",
            "Gia đình được công nhận «Gia đình học tập»",
            TargetUnit::Percent,
            Comparison::AtLeast,
            vec![(2020, 60)],
            vec![("xã đặc biệt khó khăn", vec![(2020, 50)])],
            "Hội Khuyến học tỉnh",
        ),
        (
            "Thí điểm (Kon Tum)",
            "Đơn vị học tập thí điểm mỗi huyện",
            TargetUnit::Count,
            Comparison::Exactly,
            vec![(2015, 2)],
            vec![],
            "Hội Khuyến học tỉnh",
        ),
        (
            "Thí điểm (Kon Tum)",
            "Xã học tập thí điểm mỗi huyện",
            TargetUnit::Count,
            Comparison::Exactly,
            vec![(2015, 1)],
            vec![],
            "Hội Khuyến học tỉnh",
        ),
        (
            "Thí điểm (Kon Tum)",
            "Cộng đồng học tập thí điểm mỗi huyện",
            TargetUnit::Count,
            Comparison::Exactly,
            vec![(2015, 2)],
            vec![],
            "Hội Khuyến học tỉnh",
        ),
        (
            "Thí điểm (Kon Tum)",
            "Dòng họ học tập thí điểm mỗi huyện",
            TargetUnit::Count,
            Comparison::Exactly,
            vec![(2015, 1)],
            vec![],
            "Hội Khuyến học tỉnh",
        ),
        (
            "Thí điểm (Kon Tum)",
            "Gia đình học tập thí điểm mỗi huyện",
            TargetUnit::Named("gia đình".into()),
            Comparison::Exactly,
            vec![(2015, 20)],
            vec![],
            "Hội Khuyến học tỉnh",
        ),
        (
            "Mầm non (Sơn La)",
            "Trẻ dưới 3 tuổi đến nhà trẻ",
            TargetUnit::Percent,
            Comparison::AtLeast,
            vec![(2015, 20), (2020, 30)],
            vec![],
            "Sở Giáo dục và Đào tạo",
        ),
    ];
    for (group, name, unit, comparison, milestones, variants, agency) in rows {
        let id = plan.next_id();
        plan.targets.push(Target {
            id,
            group: group.into(),
            name: name.into(),
            unit,
            comparison,
            milestones: ms(&milestones),
            variants: variants.into_iter().map(|(n, m)| TargetVariant { name: n.into(), milestones: ms(&m) }).collect(),
            agency: agency.into(),
            ..Default::default()
        });
    }
    plan.sync_agencies();
    plan
}

/// A plan at every limit of [`crate::model::limits`] at once, as far as a draft file of
/// [`MAX_DRAFT_BYTES`](crate::model::limits::MAX_DRAFT_BYTES) can hold it: the table at
/// [`MAX_CELLS`](crate::model::limits::MAX_CELLS) (`lines` × 200 years; 10,000 lines in
/// all), `filled` cells in a hundred of them; [`MAX_PHASES`](crate::model::limits::MAX_PHASES)
/// phases (40 of five years, the rest overlapping), [`MAX_SOURCES`](crate::model::limits::MAX_SOURCES)
/// sources (the last with a fixed amount for every phase, so that the phases without money have
/// figures), [`MAX_TARGETS`](crate::model::limits::MAX_TARGETS) targets of `milestones`
/// milestones each with two variants, an outline 16 levels deep, names of every length.
/// For the engine benchmark and the scale tests; the same on every run.
pub fn plan_at_limits(lines: usize, filled: usize, milestones: usize) -> Plan {
    use crate::model::limits::{MAX_OUTLINE_DEPTH, MAX_PHASES, MAX_SOURCES, MAX_TARGETS, MAX_YEARS};
    use crate::model::{BudgetLine, Comparison, ItemId, Phase, Target, TargetVariant};
    let first = 2001;
    let last = first + MAX_YEARS as i32 - 1;
    let mut plan = Plan::new("Kế hoạch ở mọi giới hạn", YearRange::new(first, last), MoneyUnit::Million);
    let mut rng = Xorshift(0x2545_F491_4F6C_DD1D);
    let mut id = 0u32;
    let mut next_id = || {
        id += 1;
        ItemId(id)
    };
    for p in 0..MAX_PHASES {
        let years = if p < 40 {
            YearRange::new(first + 5 * p as i32, first + 5 * p as i32 + 4)
        } else {
            let a = first + rng.below(MAX_YEARS as u64) as i32;
            YearRange::new(a, (a + rng.below(20) as i32).min(last))
        };
        plan.phases.push(Phase { id: next_id(), name: format!("Giai đoạn {}", p + 1), years });
    }
    for i in 0..lines {
        let depth = if i % 100 < usize::from(MAX_OUTLINE_DEPTH) + 1 { (i % 100) as u8 } else { 1 + (i % 2) as u8 };
        let every = (MAX_YEARS * lines / filled.max(1)).max(1);
        let amounts = (0..MAX_YEARS)
            .filter(|k| (i * MAX_YEARS + k).is_multiple_of(every) || *k == i % MAX_YEARS)
            .map(|k| {
                let r = rng.next();
                let v = Decimal::new((r % 5_000_000) as i64 - 100_000, (r % 3) as u32);
                (first + k as i32, v)
            })
            .collect();
        plan.lines.push(BudgetLine {
            id: next_id(),
            name: if i % 997 == 0 { String::new() } else { format!("Nội dung {}", i + 1) },
            depth,
            amounts,
            ..Default::default()
        });
    }
    let phase_ids: Vec<ItemId> = plan.phases.iter().map(|p| p.id).collect();
    for s in 0..MAX_SOURCES {
        let rule = match s {
            0 => ShareRule::percent(Decimal::from(40)),
            1 => ShareRule::Remainder,
            _ if s % 2 == 0 => ShareRule::percent(Decimal::new(1, 3)),
            _ => ShareRule::Amount { value: Decimal::from(1000 + s as i64) },
        };
        let mut source =
            FundingSource { id: next_id(), name: format!("Nguồn {}", s + 1), rule, ..Default::default() };
        if s + 1 == MAX_SOURCES {
            source.phase_rules =
                phase_ids.iter().map(|&p| (p, ShareRule::Amount { value: Decimal::from(7) })).collect();
        }
        plan.sources.push(source);
    }
    for t in 0..MAX_TARGETS {
        let series = |rng: &mut Xorshift, n: usize| -> std::collections::BTreeMap<i32, Decimal> {
            (0..n).map(|k| (first + (k * MAX_YEARS / n.max(1)) as i32, Decimal::from(rng.below(120)))).collect()
        };
        plan.targets.push(Target {
            id: next_id(),
            group: format!("Lĩnh vực {}", t % 7),
            name: if t % 1009 == 0 { String::new() } else { format!("Chỉ tiêu {}", t + 1) },
            comparison: if t % 3 == 0 { Comparison::AtMost } else { Comparison::AtLeast },
            milestones: series(&mut rng, milestones),
            variants: vec![
                TargetVariant { name: "xã ĐBKK".into(), milestones: series(&mut rng, 4) },
                TargetVariant { name: "miền núi".into(), milestones: series(&mut rng, 2) },
            ],
            partners: vec!["Sở Tài chính".into(), "Sở Giáo dục và Đào tạo".into()],
            ..Default::default()
        });
    }
    plan.sync_agencies();
    plan
}
