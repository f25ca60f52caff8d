//! The plan's checks say the real figures: funding given beyond the total, in both languages.
#![cfg(not(target_arch = "wasm32"))]

use kehoach::diagnostic::Diagnostic;
use kehoach::engine::Editor;
use kehoach::locale::Lang;
use kehoach::model::{FundingSource, ItemId, MoneyUnit, Plan, ShareRule, YearRange};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// A plan of 1.000 (two lines, one phase) funded by `rules`.
fn plan(rules: &[ShareRule]) -> Plan {
    let mut plan = Plan::new("", YearRange::new(2021, 2025), MoneyUnit::Million);
    plan.push_phase("Giai đoạn 1", YearRange::new(2021, 2025));
    plan.push_line("Tuyên truyền", &[(2021, dec!(400)), (2022, dec!(350))]);
    plan.push_line("Quản lý", &[(2023, dec!(250))]);
    for (i, rule) in rules.iter().enumerate() {
        plan.sources.push(FundingSource {
            id: ItemId(100 + i as u32),
            name: format!("Nguồn {}", i + 1),
            rule: *rule,
            ..Default::default()
        });
    }
    plan
}

fn funding(plan: Plan) -> Vec<Diagnostic> {
    Editor::new(plan).diagnostics().into_iter().filter(|d| d.location.to_string().starts_with("$.sources")).collect()
}

fn amount(v: Decimal) -> ShareRule {
    ShareRule::Amount { value: v }
}

#[test]
fn fixed_amounts_beyond_the_total_say_the_real_total() {
    // 1.500 fixed of a total of 1.000: "exceed the total by 500" read as a total of 500.
    let d = funding(plan(&[amount(dec!(1500))]));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "over_assigned");
    assert_eq!(
        d[0].text.get(Lang::Vi),
        "Các nguồn được giao 1.500, nhiều hơn tổng kinh phí 1.000 là 500 (tổng tỷ lệ 0 %)."
    );
    assert_eq!(
        d[0].text.get(Lang::En),
        "The sources are given 1,500, 500 more than the total of 1,000 (shares add up to 0 %)."
    );
}

#[test]
fn a_remainder_does_not_hide_fixed_amounts_beyond_the_total() {
    // With a "remainder" source the rest is negative and nothing was said at all; with shares
    // over 100 % the message said the sources "exceed the total by 0".
    let d = funding(plan(&[amount(dec!(1200)), ShareRule::percent(dec!(10)), ShareRule::Remainder]));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "over_assigned");
    assert_eq!(
        d[0].text.get(Lang::En),
        "The sources are given 1,300, 300 more than the total of 1,000 (shares add up to 10 %)."
    );
    let d = funding(plan(&[ShareRule::percent(dec!(70)), ShareRule::percent(dec!(50)), ShareRule::Remainder]));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        d[0].text.get(Lang::Vi),
        "Các nguồn được giao 1.200, nhiều hơn tổng kinh phí 1.000 là 200 (tổng tỷ lệ 120 %)."
    );
    assert!(!d[0].text.get(Lang::En).contains(" 0 "), "{}", d[0].text.get(Lang::En));
}

#[test]
fn shares_over_100_percent_of_nothing_yet_are_said_without_amounts() {
    let mut p = plan(&[ShareRule::percent(dec!(70)), ShareRule::percent(dec!(50))]);
    p.lines.clear();
    let d = funding(p);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].text.get(Lang::Vi), "Tổng tỷ lệ các nguồn là 120 %, vượt quá 100 %.");
    assert_eq!(d[0].text.get(Lang::En), "The sources' shares add up to 120 %, more than 100 %.");
}

#[test]
fn what_is_not_covered_is_said_with_the_total() {
    let d = funding(plan(&[ShareRule::percent(dec!(40))]));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "unassigned");
    assert_eq!(
        d[0].text.get(Lang::En),
        "600 of the total of 1,000 is not covered by any source (shares add up to 40 %)."
    );
    assert_eq!(d[0].text.get(Lang::Vi), "Còn 600 trong tổng kinh phí 1.000 chưa có nguồn (tổng tỷ lệ 40 %).");
}

#[test]
fn money_in_a_year_of_no_phase_is_a_warning_at_that_year() {
    // The period reaches 2026, the phase ends in 2025: a paste or an import put money in 2026.
    let mut p = plan(&[]);
    p.period = YearRange::new(2021, 2026);
    p.lines[1].amounts.insert(2026, dec!(1095.5));
    let d: Vec<Diagnostic> =
        Editor::new(p).diagnostics().into_iter().filter(|d| d.code == "year_outside_phases").collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].location.to_string(), "$.lines[1].amounts.2026");
    assert!(
        d[0].text.get(Lang::Vi).starts_with("Năm 2026 có kinh phí (1.095,5) nhưng không thuộc giai đoạn nào"),
        "{}",
        d[0].text.get(Lang::Vi)
    );
    assert!(
        d[0].text.get(Lang::En).starts_with("Year 2026 holds money (1,095.5) but lies in no phase"),
        "{}",
        d[0].text.get(Lang::En)
    );
    // Within a phase: nothing.
    assert!(Editor::new(plan(&[])).diagnostics().iter().all(|d| d.code != "year_outside_phases"));
}
