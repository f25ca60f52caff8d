//! Where a diagnostic is, in the planner's words: "Dòng 3 «Tuyên truyền» · 2027",
//! "Chỉ tiêu 1 · xã đặc biệt khó khăn · năm 2030", counting from 1 as the screen does.

use super::{Location, PlanPlace};
use crate::locale::{Lang, Text};
use crate::model::Plan;

/// The place of `location` as a planner reads it, with the names `plan` gives (empty for the
/// whole draft and for a path in a draft file; a sheet cell or a file as it is written).
pub fn place(location: &Location, plan: &Plan, lang: Lang) -> String {
    let word = |vi: &'static str, en: &'static str| Text::fixed(vi, en).into_string(lang);
    let named = |word: String, i: usize, name: Option<&str>| match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("{word} {} «{}»", i + 1, crate::text::clip(n, 40)),
        None => format!("{word} {}", i + 1),
    };
    let line = |i: usize| named(word("Dòng", "Line"), i, plan.lines.get(i).map(|l| l.name.as_str()));
    let target = |i: usize| format!("{} {}", word("Chỉ tiêu", "Target"), i + 1);
    let item = match location {
        Location::Plan(item) => *item,
        Location::Json(path) => match PlanPlace::of_json_path(path) {
            Some(item) => item,
            None => return String::new(),
        },
        Location::Cell { .. } | Location::File(_) => return location.to_string(),
        Location::TableCell { .. } | Location::Table { .. } => return table_place(location, lang),
        Location::Whole => return String::new(),
    };
    match item {
        PlanPlace::Line(i) | PlanPlace::LineName(i) | PlanPlace::LineAmounts(i) => line(i),
        PlanPlace::Amount(i, y) => format!("{} · {y}", line(i)),
        PlanPlace::PhaseYears(i) => named(word("Giai đoạn", "Phase"), i, plan.phases.get(i).map(|p| p.name.as_str())),
        PlanPlace::SourceName(i) | PlanPlace::SourceShare(i) => {
            named(word("Nguồn", "Source"), i, plan.sources.get(i).map(|s| s.name.as_str()))
        }
        PlanPlace::TargetName(i) | PlanPlace::TargetBaseline(i) => target(i),
        PlanPlace::Milestone { target: i, variant, year } => {
            let mut out = target(i);
            if let Some(v) = variant {
                let name = plan.targets.get(i).and_then(|t| t.variants.get(v)).map(|x| x.name.trim()).unwrap_or("");
                if name.is_empty() {
                    out += &format!(" · {} {}", word("nhóm", "variant"), v + 1);
                } else {
                    out += &format!(" · {}", crate::text::clip(name, 40));
                }
            }
            out + &format!(" · {} {year}", word("năm", "year"))
        }
        PlanPlace::TaskName(i) | PlanPlace::TaskLead(i) | PlanPlace::TaskTime(i) => {
            named(word("Nhiệm vụ", "Task"), i, plan.tasks.get(i).map(|t| t.name.as_str()))
        }
        PlanPlace::Agency(i) => named(word("Cơ quan", "Agency"), i, plan.agencies.get(i).map(|a| a.name.as_str())),
        PlanPlace::Period => word("Thời kỳ", "Period"),
        PlanPlace::Phases
        | PlanPlace::Lines
        | PlanPlace::Sources
        | PlanPlace::Targets
        | PlanPlace::Tasks
        | PlanPlace::Agencies => String::new(),
    }
}

/// A Word table's cell, or the table, in `lang`: `Bảng 2, hàng 5, cột C`, `Table 2, row 5,
/// column C`, `Bảng 2`; empty for any other place.
pub(crate) fn table_place(location: &Location, lang: Lang) -> String {
    let word = |vi: &'static str, en: &'static str| Text::fixed(vi, en).into_string(lang);
    let table = |n: usize| format!("{} {n}", word("Bảng", "Table"));
    match location {
        Location::TableCell { table: n, row, col } => {
            let letters = super::cell_ref(0, *col).trim_end_matches('1').to_string();
            format!(
                "{}, {} {}, {} {letters}",
                table(*n),
                word("hàng", "row"),
                u64::from(*row) + 1,
                word("cột", "column")
            )
        }
        Location::Table { table: n } => table(*n),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MoneyUnit, TargetVariant, YearRange};

    #[test]
    fn places_read_as_the_screen_counts() {
        let mut plan = Plan::new("t", YearRange::new(2026, 2030), MoneyUnit::Million);
        plan.push_line("Tuyên truyền", &[]);
        plan.push_line("Đào tạo", &[]);
        plan.push_line("Hội nghị", &[]);
        plan.targets.push(crate::model::Target {
            variants: vec![TargetVariant { name: "xã đặc biệt khó khăn".into(), ..Default::default() }],
            ..Default::default()
        });
        let vi = |l: PlanPlace| place(&l.into(), &plan, Lang::Vi);
        assert_eq!(vi(PlanPlace::Amount(2, 2027)), "Dòng 3 «Hội nghị» · 2027");
        assert_eq!(vi(PlanPlace::Line(0)), "Dòng 1 «Tuyên truyền»");
        let milestone = |variant| PlanPlace::Milestone { target: 0, variant, year: 2030 };
        assert_eq!(vi(milestone(Some(0))), "Chỉ tiêu 1 · xã đặc biệt khó khăn · năm 2030");
        assert_eq!(vi(milestone(None)), "Chỉ tiêu 1 · năm 2030");
        assert_eq!(place(&milestone(None).into(), &plan, Lang::En), "Target 1 · year 2030");
        assert_eq!(vi(PlanPlace::SourceShare(4)), "Nguồn 5");
        assert_eq!(vi(PlanPlace::Period), "Thời kỳ");
        assert_eq!(place(&Location::Json("$".into()), &plan, Lang::Vi), "");
        assert_eq!(place(&Location::Json("$.sources[4].rule".into()), &plan, Lang::Vi), "Nguồn 5");
        assert_eq!(place(&Location::cell("Kinh phí", 13, 2), &plan, Lang::Vi), "'Kinh phí'!C14");
        let cell = Location::TableCell { table: 2, row: 4, col: 27 };
        assert_eq!(place(&cell, &plan, Lang::Vi), "Bảng 2, hàng 5, cột AB");
        assert_eq!(place(&cell, &plan, Lang::En), "Table 2, row 5, column AB");
        assert_eq!(place(&Location::Table { table: 3 }, &plan, Lang::En), "Table 3");
    }
}
