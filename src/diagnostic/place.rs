//! Where a diagnostic is, in the planner's words: "Dòng 3 «Tuyên truyền» · 2027",
//! "Chỉ tiêu 1 · xã đặc biệt khó khăn · năm 2030". The machine place (a JSON path such as
//! `$.targets[0].variants[0].milestones.2030`, counted from 0) stays in the diagnostic's
//! `location`; this reads it, counting from 1 as the screen does.

use crate::locale::Lang;
use crate::model::{Plan, Year};

/// A diagnostic's place, read from its location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A budget line (index), maybe one year of it.
    Line(usize, Option<Year>),
    /// A phase (index).
    Phase(usize),
    /// A funding source (index).
    Source(usize),
    /// A target (index), maybe one of its variants (index) and one milestone year.
    Target(usize, Option<usize>, Option<Year>),
    /// The plan's period.
    Period,
    /// The draft as a whole, or a place this does not know (a sheet cell, `'Kinh phí'!C14`).
    Other,
}

impl Place {
    /// Reads a location: `$.lines[2].amounts.2027`, `$.targets[0].variants[1].milestones.2030` …
    pub fn of(location: &str) -> Self {
        let Some(rest) = location.strip_prefix("$.") else { return Place::Other };
        let indexed = |rest: &str, key: &str| -> Option<(usize, String)> {
            let r = rest.strip_prefix(key)?.strip_prefix('[')?;
            let (i, after) = r.split_once(']')?;
            Some((i.parse().ok()?, after.to_string()))
        };
        let year_after = |after: &str, key: &str| after.strip_prefix(key).and_then(|y| y.parse::<Year>().ok());
        if let Some((i, after)) = indexed(rest, "lines") {
            return Place::Line(i, year_after(&after, ".amounts."));
        }
        if let Some((i, _)) = indexed(rest, "phases") {
            return Place::Phase(i);
        }
        if let Some((i, _)) = indexed(rest, "sources") {
            return Place::Source(i);
        }
        if let Some((i, after)) = indexed(rest, "targets") {
            if let Some((v, inner)) = indexed(after.trim_start_matches('.'), "variants") {
                return Place::Target(i, Some(v), year_after(&inner, ".milestones."));
            }
            return Place::Target(i, None, year_after(&after, ".milestones."));
        }
        if rest.starts_with("period") {
            return Place::Period;
        }
        Place::Other
    }
}

/// The place of `location` as a planner reads it, with the names `plan` gives (empty for a
/// place of the draft as a whole; a sheet cell as it is).
pub fn place(location: &str, plan: &Plan, lang: Lang) -> String {
    let vi = lang.is_vi();
    let named = |word: &str, i: usize, name: Option<&str>| match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("{word} {} «{}»", i + 1, crate::text::clip(n, 40)),
        None => format!("{word} {}", i + 1),
    };
    match Place::of(location) {
        Place::Line(i, year) => {
            let line = named(if vi { "Dòng" } else { "Line" }, i, plan.lines.get(i).map(|l| l.name.as_str()));
            match year {
                Some(y) => format!("{line} · {y}"),
                None => line,
            }
        }
        Place::Phase(i) => {
            named(if vi { "Giai đoạn" } else { "Phase" }, i, plan.phases.get(i).map(|p| p.name.as_str()))
        }
        Place::Source(i) => named(if vi { "Nguồn" } else { "Source" }, i, plan.sources.get(i).map(|s| s.name.as_str())),
        Place::Target(i, variant, year) => {
            let mut out = format!("{} {}", if vi { "Chỉ tiêu" } else { "Target" }, i + 1);
            if let Some(v) = variant {
                let name = plan.targets.get(i).and_then(|t| t.variants.get(v)).map(|x| x.name.trim()).unwrap_or("");
                if name.is_empty() {
                    out += &format!(" · {} {}", if vi { "nhóm" } else { "variant" }, v + 1);
                } else {
                    out += &format!(" · {}", crate::text::clip(name, 40));
                }
            }
            if let Some(y) = year {
                out += &format!(" · {} {y}", if vi { "năm" } else { "year" });
            }
            out
        }
        Place::Period => (if vi { "Thời kỳ" } else { "Period" }).to_string(),
        Place::Other if location.starts_with('$') => String::new(),
        Place::Other => location.to_string(),
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
        let vi = |l: &str| place(l, &plan, Lang::Vi);
        assert_eq!(vi("$.lines[2].amounts.2027"), "Dòng 3 «Hội nghị» · 2027");
        assert_eq!(vi("$.lines[0]"), "Dòng 1 «Tuyên truyền»");
        assert_eq!(vi("$.targets[0].variants[0].milestones.2030"), "Chỉ tiêu 1 · xã đặc biệt khó khăn · năm 2030");
        assert_eq!(vi("$.targets[0].milestones.2030"), "Chỉ tiêu 1 · năm 2030");
        assert_eq!(place("$.targets[0].milestones.2030", &plan, Lang::En), "Target 1 · year 2030");
        assert_eq!(vi("$.sources[4].rule"), "Nguồn 5");
        assert_eq!(vi("$.period"), "Thời kỳ");
        assert_eq!(vi("$"), "");
        assert_eq!(vi("'Kinh phí'!C14"), "'Kinh phí'!C14");
        assert_eq!(Place::of("$.targets[3].variants[1].milestones.2025"), Place::Target(3, Some(1), Some(2025)));
    }
}
