//! The plan's period and phases: names and year ranges.

use leptos::prelude::*;

use crate::engine::{Edit, PlanMeta};
use crate::locale::Text;
use crate::model::limits::{MAX_YEARS, PLAN_YEARS};
use crate::model::{Phase, YearRange};
use crate::ui::field::Field;
use crate::ui::state::{Document, MoreRows, Prefs};

fn parse_year(text: &str) -> Result<i32, Text> {
    match text.trim().parse::<i32>() {
        Ok(y) if PLAN_YEARS.contains(&y) => Ok(y),
        _ => {
            let (lo, hi) = (PLAN_YEARS.start(), PLAN_YEARS.end());
            Err(crate::text!("Năm phải là số từ {lo} đến {hi}", "A year is a number from {lo} to {hi}"))
        }
    }
}

const FIRST_BEFORE_LAST: Text = Text::fixed("Năm đầu phải trước năm cuối", "The first year must come before the last");

/// Period and phases editor.
#[component]
pub fn PhasesPanel() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let period = move || {
        doc.structure.track();
        doc.with(|e| e.plan().period)
    };
    let set_period = move |first: Option<i32>, last: Option<i32>| -> Result<(), Text> {
        let mut meta = doc.with(|e| PlanMeta::of(e.plan()));
        if let Some(f) = first {
            meta.period.first = f;
        }
        if let Some(l) = last {
            meta.period.last = l;
        }
        if meta.period.first > meta.period.last {
            return Err(FIRST_BEFORE_LAST);
        }
        if meta.period.len() > MAX_YEARS {
            return Err(Text::fixed("Thời kỳ quá dài", "The period is too long"));
        }
        doc.apply_merging(Edit::SetMeta(Box::new(meta)), "period")
    };
    let count = move || {
        doc.structure.track();
        doc.with(|e| e.plan().phases.len())
    };
    let shown = RwSignal::new(crate::ui::state::SHOWN_ROWS);
    let add = move |_| {
        let phases = doc.with(|e| {
            let plan = e.plan();
            let mut phases = plan.phases.clone();
            let start = phases.iter().map(|p| p.years.last + 1).max().unwrap_or(plan.period.first);
            let end = (start + 4).min(plan.period.last.max(start));
            let n = phases.len() + 1;
            let name = format!("{} {n}", Text::fixed("Giai đoạn", "Phase").get(prefs.lang.get_untracked()));
            phases.push(Phase { id: plan.next_id(), name, years: YearRange::new(start, end) });
            phases
        });
        doc.apply(Edit::SetPhases(phases));
    };
    view! {
        <section class="panel phases" data-testid="phases">
            <h3>{move || prefs.tr("Thời kỳ và giai đoạn", "Period and phases")}</h3>
            <div class="row">
                <label>{move || prefs.tr("Thời kỳ", "Period")}</label>
                <Field testid="period-first" numeric=true class="year" label=Signal::derive(move || prefs.tr("Năm đầu của thời kỳ", "First year of the period").to_string())
                    value=Signal::derive(move || period().first.to_string())
                    on_input=move |t: String| set_period(Some(parse_year(&t)?), None) />
                "–"
                <Field testid="period-last" numeric=true class="year" label=Signal::derive(move || prefs.tr("Năm cuối của thời kỳ", "Last year of the period").to_string())
                    value=Signal::derive(move || period().last.to_string())
                    on_input=move |t: String| set_period(None, Some(parse_year(&t)?)) />
            </div>
            <For each=move || { let n = count(); (0..n.min(shown.get())).map(move |i| (n, i)) } key=|k| *k let:k>
                <PhaseRow i=k.1 />
            </For>
            <MoreRows count=Signal::derive(count) shown testid="phases-more" vi="giai đoạn" en="phases" />
            <button data-testid="phase-add" on:click=add>{move || prefs.tr("+ Giai đoạn", "+ Phase")}</button>
        </section>
    }
}

#[component]
fn PhaseRow(i: usize) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let n = i + 1;
    let phase = move || {
        doc.structure.track();
        doc.with(|e| e.plan().phases.get(i).cloned())
    };
    let update = move |key: String, f: Box<dyn FnOnce(&mut Phase)>| -> Result<(), Text> {
        let mut phases = doc.with(|e| e.plan().phases.clone());
        let Some(p) = phases.get_mut(i) else { return Ok(()) };
        f(p);
        if p.years.first > p.years.last {
            return Err(FIRST_BEFORE_LAST);
        }
        doc.apply_merging(Edit::SetPhases(phases), &key)
    };
    view! {
        <div class="row">
            <Field testid=format!("phase-name-{n}") class="name" label=Signal::derive(move || prefs.tr("Tên giai đoạn", "Phase name").to_string())
                value=Signal::derive(move || phase().map(|p| p.name).unwrap_or_default())
                on_input=move |t: String| update(format!("phase-name-{n}"), Box::new(move |p| p.name = t)) />
            <Field testid=format!("phase-first-{n}") numeric=true class="year" label=Signal::derive(move || prefs.tr("Năm đầu của giai đoạn", "First year of the phase").to_string())
                value=Signal::derive(move || phase().map(|p| p.years.first.to_string()).unwrap_or_default())
                on_input=move |t: String| { let y = parse_year(&t)?; update(format!("phase-first-{n}"), Box::new(move |p| p.years.first = y)) } />
            "–"
            <Field testid=format!("phase-last-{n}") numeric=true class="year" label=Signal::derive(move || prefs.tr("Năm cuối của giai đoạn", "Last year of the phase").to_string())
                value=Signal::derive(move || phase().map(|p| p.years.last.to_string()).unwrap_or_default())
                on_input=move |t: String| { let y = parse_year(&t)?; update(format!("phase-last-{n}"), Box::new(move |p| p.years.last = y)) } />
            <button class="icon" data-testid=format!("phase-remove-{n}") title=move || prefs.tr("Xóa giai đoạn", "Remove phase")
                on:click=move |_| {
                    let mut phases = doc.with(|e| e.plan().phases.clone());
                    if i < phases.len() { phases.remove(i); doc.apply(Edit::SetPhases(phases)); }
                }>"×"</button>
        </div>
    }
}
