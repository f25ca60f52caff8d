//! The plan's period and phases: names and year ranges.

use leptos::prelude::*;

use crate::engine::{Edit, PlanMeta};
use crate::model::limits::{MAX_YEARS, PLAN_YEARS};
use crate::model::{Phase, YearRange};
use crate::ui::field::Field;
use crate::ui::state::MoreRows;
use crate::ui::state::Workbench;

fn parse_year(text: &str, vi: bool) -> Result<i32, String> {
    match text.trim().parse::<i32>() {
        Ok(y) if PLAN_YEARS.contains(&y) => Ok(y),
        _ => {
            let (lo, hi) = (PLAN_YEARS.start(), PLAN_YEARS.end());
            Err(if vi {
                format!("Năm phải là số từ {lo} đến {hi}")
            } else {
                format!("A year is a number from {lo} to {hi}")
            })
        }
    }
}

/// Period and phases editor.
#[component]
pub fn PhasesPanel() -> impl IntoView {
    let ws = Workbench::get();
    let period = move || {
        ws.structure.track();
        ws.with(|e| e.plan().period)
    };
    let set_period = move |first: Option<i32>, last: Option<i32>| -> Result<(), String> {
        let mut meta = ws.with(|e| PlanMeta::of(e.plan()));
        let vi = ws.lang.get_untracked().is_vi();
        if let Some(f) = first {
            meta.period.first = f;
        }
        if let Some(l) = last {
            meta.period.last = l;
        }
        if meta.period.first > meta.period.last {
            return Err(if vi {
                "Năm đầu phải trước năm cuối".into()
            } else {
                "The first year must come before the last".into()
            });
        }
        if meta.period.len() > MAX_YEARS {
            return Err(if vi { "Thời kỳ quá dài".into() } else { "The period is too long".into() });
        }
        ws.apply_merging(Edit::SetMeta(Box::new(meta)), "period")
    };
    let count = move || {
        ws.structure.track();
        ws.with(|e| e.plan().phases.len())
    };
    let shown = RwSignal::new(crate::ui::state::SHOWN_ROWS);
    let add = move |_| {
        let phases = ws.with(|e| {
            let plan = e.plan();
            let mut phases = plan.phases.clone();
            let start = phases.iter().map(|p| p.years.last + 1).max().unwrap_or(plan.period.first);
            let end = (start + 4).min(plan.period.last.max(start));
            let n = phases.len() + 1;
            let name = format!("{} {n}", ws.lang.get_untracked().pick("Giai đoạn", "Phase"));
            phases.push(Phase { id: plan.next_id(), name, years: YearRange::new(start, end) });
            phases
        });
        ws.apply(Edit::SetPhases(phases));
    };
    view! {
        <section class="panel phases" data-testid="phases">
            <h3>{move || ws.tr("Thời kỳ và giai đoạn", "Period and phases")}</h3>
            <div class="row">
                <label>{move || ws.tr("Thời kỳ", "Period")}</label>
                <Field testid="period-first" numeric=true class="year" label=Signal::derive(move || ws.tr("Năm đầu của thời kỳ", "First year of the period").to_string())
                    value=Signal::derive(move || period().first.to_string())
                    on_input=move |t: String| set_period(Some(parse_year(&t, ws.lang.get_untracked().is_vi())?), None) />
                "–"
                <Field testid="period-last" numeric=true class="year" label=Signal::derive(move || ws.tr("Năm cuối của thời kỳ", "Last year of the period").to_string())
                    value=Signal::derive(move || period().last.to_string())
                    on_input=move |t: String| set_period(None, Some(parse_year(&t, ws.lang.get_untracked().is_vi())?)) />
            </div>
            <For each=move || { let n = count(); (0..n.min(shown.get())).map(move |i| (n, i)) } key=|k| *k let:k>
                <PhaseRow i=k.1 />
            </For>
            <MoreRows count=Signal::derive(count) shown testid="phases-more" vi="giai đoạn" en="phases" />
            <button data-testid="phase-add" on:click=add>{move || ws.tr("+ Giai đoạn", "+ Phase")}</button>
        </section>
    }
}

#[component]
fn PhaseRow(i: usize) -> impl IntoView {
    let ws = Workbench::get();
    let n = i + 1;
    let phase = move || {
        ws.structure.track();
        ws.with(|e| e.plan().phases.get(i).cloned())
    };
    let update = move |key: String, f: Box<dyn FnOnce(&mut Phase)>| -> Result<(), String> {
        let mut phases = ws.with(|e| e.plan().phases.clone());
        let Some(p) = phases.get_mut(i) else { return Ok(()) };
        f(p);
        if p.years.first > p.years.last {
            return Err(ws
                .lang
                .get_untracked()
                .pick("Năm đầu phải trước năm cuối", "The first year must come before the last")
                .into());
        }
        ws.apply_merging(Edit::SetPhases(phases), &key)
    };
    let vi = move || ws.lang.get_untracked().is_vi();
    view! {
        <div class="row">
            <Field testid=format!("phase-name-{n}") class="name" label=Signal::derive(move || ws.tr("Tên giai đoạn", "Phase name").to_string())
                value=Signal::derive(move || phase().map(|p| p.name).unwrap_or_default())
                on_input=move |t: String| update(format!("phase-name-{n}"), Box::new(move |p| p.name = t)) />
            <Field testid=format!("phase-first-{n}") numeric=true class="year" label=Signal::derive(move || ws.tr("Năm đầu của giai đoạn", "First year of the phase").to_string())
                value=Signal::derive(move || phase().map(|p| p.years.first.to_string()).unwrap_or_default())
                on_input=move |t: String| { let y = parse_year(&t, vi())?; update(format!("phase-first-{n}"), Box::new(move |p| p.years.first = y)) } />
            "–"
            <Field testid=format!("phase-last-{n}") numeric=true class="year" label=Signal::derive(move || ws.tr("Năm cuối của giai đoạn", "Last year of the phase").to_string())
                value=Signal::derive(move || phase().map(|p| p.years.last.to_string()).unwrap_or_default())
                on_input=move |t: String| { let y = parse_year(&t, vi())?; update(format!("phase-last-{n}"), Box::new(move |p| p.years.last = y)) } />
            <button class="icon" data-testid=format!("phase-remove-{n}") title=move || ws.tr("Xóa giai đoạn", "Remove phase")
                on:click=move |_| {
                    let mut phases = ws.with(|e| e.plan().phases.clone());
                    if i < phases.len() { phases.remove(i); ws.apply(Edit::SetPhases(phases)); }
                }>"×"</button>
        </div>
    }
}
