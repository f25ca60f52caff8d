//! The printable annex, laid out as section IV of the plans: the budget table in the orientation
//! the planner chose (years as rows or as columns; "Tổng số" first, "Cộng GĐ" after each phase),
//! the funding split per phase, and the targets grouped by area with their agencies and notes.
//! "In phụ lục" first shows it on screen as it will print (`print-preview`); "In" there opens the
//! browser's print dialog, which prints only the annex (A4 landscape, see the print stylesheet).

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::locale::format_decimal;
use crate::model::{ShareRule, Target};
use crate::ui::grid::layout::{Layout, Slot, figure, year_label};
use crate::ui::state::{Document, Figures, Prefs};

/// Set while the annex is built: in the preview and while the page is printed (a large plan's
/// full table is not worth keeping in the page otherwise).
#[derive(Clone, Copy)]
pub struct Printing(pub RwSignal<bool>);

/// Shows the annex as it will print, with a button that prints it.
pub fn print(printing: Printing) {
    printing.0.set(true);
}

/// Opens the browser's print dialog on the annex.
fn print_now() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Targets by area, areas in the order they first appear: one heading per area even when its
/// targets are not next to each other in the list.
fn by_area(targets: &[Target]) -> Vec<(String, Vec<&Target>)> {
    let mut out: Vec<(String, Vec<&Target>)> = Vec::new();
    for t in targets {
        let area = t.group.trim().to_string();
        match out.iter_mut().find(|(a, _)| *a == area) {
            Some((_, list)) => list.push(t),
            None => out.push((area, vec![t])),
        }
    }
    out
}

/// The printable annex (`print-annex`), and its preview around it (`print-preview`).
#[component]
pub fn PrintAnnex() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let figures = Figures::get();
    let printing = expect_context::<Printing>();
    // The browser's own Print command builds the annex too.
    let printed_directly = StoredValue::new(false);
    let before = window_event_listener(leptos::ev::beforeprint, move |_| {
        if !printing.0.get_untracked() {
            printed_directly.set_value(true);
            printing.0.set(true);
        }
    });
    let after = window_event_listener(leptos::ev::afterprint, move |_| {
        if printed_directly.get_value() {
            printed_directly.set_value(false);
            printing.0.set(false);
        }
    });
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    let table = move || {
        if !printing.0.get() {
            return ().into_any();
        }
        doc.structure.track();
        doc.totals.track();
        doc.funding.track();
        doc.targets.track();
        doc.work.track();
        doc.meta.track();
        let lang = prefs.lang.get();
        let years_as_rows = prefs.transposed.get();
        doc.with(|e| {
            let plan = e.plan();
            let layout = Layout::build(e, years_as_rows, 0);
            let unit = plan.unit.name().into_string(lang);
            let fmt = |v: Option<Decimal>| v.map(|v| figures.format_amount(v)).unwrap_or_default();
            let label = |slot: Slot| match slot {
                Slot::Total => crate::locale::label(lang, "Tổng số", "Total").to_string(),
                Slot::Line(i) => plan.lines.get(i).map(|l| l.name.clone()).unwrap_or_default(),
                s => year_label(e, s, lang),
            };
            let class = |slot: Slot| match slot {
                Slot::Phase(_) => "subtotal",
                Slot::Total => "total",
                _ => "",
            };
            // The rows: "Tổng số" first, as the plans print it, then the layout's rows.
            let row_slots: Vec<Slot> = std::iter::once(Slot::Total).chain(layout.rows.iter().copied()).collect();
            let head = layout.cols.iter().map(|c| view! { <th class=class(*c)>{label(*c)}</th> }).collect_view();
            let corner = if years_as_rows { crate::locale::label(lang, "Năm", "Year") } else { crate::locale::label(lang, "Nội dung", "Budget line") };
            let rows = row_slots
                .iter()
                .map(|&r| {
                    let cells = layout
                        .cols
                        .iter()
                        .map(|&c| {
                            let (line, year) = if years_as_rows { (c, r) } else { (r, c) };
                            view! { <td class=format!("num {}", class(c))>{fmt(figure(e, line, year))}</td> }
                        })
                        .collect_view();
                    view! { <tr class=class(r)><th>{label(r)}</th>{cells}</tr> }
                })
                .collect_view();

            // Funding: each source's rule and amount per phase and in total.
            let split = e.split();
            let phase_heads = plan.phases.iter().map(|p| view! { <th>{p.name.clone()}</th> }).collect_view();
            let sources = plan
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let share = match s.rule {
                        ShareRule::Percent { value } => format!("{} %", format_decimal(value, lang)),
                        ShareRule::Amount { .. } => crate::locale::label(lang, "số tiền cố định", "fixed amount").to_string(),
                        ShareRule::Remainder => crate::locale::label(lang, "phần còn lại", "remainder").to_string(),
                    };
                    let phases = split
                        .phases
                        .iter()
                        .map(|ps| view! { <td class="num">{figures.format_amount(ps.amount(i))}</td> })
                        .collect_view();
                    let total = split.grand.amounts.get(i).copied().unwrap_or_default();
                    view! { <tr><td>{s.name.clone()}</td><td>{share}</td>{phases}<td class="num strong">{figures.format_amount(total)}</td></tr> }
                })
                .collect_view();
            let phase_totals =
                split.phases.iter().map(|ps| view! { <td class="num">{figures.format_amount(ps.total)}</td> }).collect_view();
            let has_sources = !plan.sources.is_empty();
            let funding = has_sources.then(|| {
                view! {
                    <h3>{crate::locale::label(lang, "Cơ cấu nguồn kinh phí", "Funding")}</h3>
                    <table class="annex funding" data-testid="print-funding">
                        <thead><tr><th>{crate::locale::label(lang, "Nguồn", "Source")}</th><th>{crate::locale::label(lang, "Tỷ lệ", "Share")}</th>
                            {phase_heads}<th>{crate::locale::label(lang, "Tổng số", "Total")}</th></tr></thead>
                        <tbody>
                            {sources}
                            <tr class="total"><td>{crate::locale::label(lang, "Tổng số", "Total")}</td><td></td>{phase_totals}
                                <td class="num">{figures.format_amount(split.grand.total)}</td></tr>
                        </tbody>
                    </table>
                }
            });

            // Targets, grouped by area, with every column a planner fills in.
            let mut years: Vec<i32> = plan
                .targets
                .iter()
                .flat_map(|t| t.milestones.keys().chain(t.variants.iter().flat_map(|v| v.milestones.keys())).copied())
                .collect();
            years.sort_unstable();
            years.dedup();
            let width = 5 + years.len();
            let targets_head =
                years.iter().map(|y| view! { <th>{crate::io::xlsx_export::year_heading(*y, lang)}</th> }).collect_view();
            let milestone_cells = |t: &Target, ms: &std::collections::BTreeMap<i32, Decimal>| {
                years
                    .iter()
                    .map(|y| {
                        let v = ms.get(y).map(|v| format!("{} {}", t.comparison.symbol(), format_decimal(*v, lang))).unwrap_or_default();
                        view! { <td class="num">{v}</td> }
                    })
                    .collect_view()
            };
            let target_rows = by_area(&plan.targets)
                .into_iter()
                .map(|(area, list)| {
                    let heading = if area.is_empty() { crate::locale::label(lang, "(chưa có lĩnh vực)", "(no area)").to_string() } else { area };
                    let rows = list
                        .into_iter()
                        .map(|t| {
                            let variants = t
                                .variants
                                .iter()
                                .map(|v| {
                                    view! { <tr class="variant"><td>{format!("– {}", v.name)}</td><td>{t.unit.label(lang)}</td>
                                        {milestone_cells(t, &v.milestones)}<td></td><td></td><td></td></tr> }
                                })
                                .collect_view();
                            view! {
                                <tr><td>{t.name.clone()}</td><td>{t.unit.label(lang)}</td>{milestone_cells(t, &t.milestones)}
                                    <td>{t.agency.clone()}</td><td>{t.partners.join("; ")}</td><td>{t.notes.clone()}</td></tr>
                                {variants}
                            }
                        })
                        .collect_view();
                    view! { <tr class="area"><th colspan=width.to_string()>{heading}</th></tr>{rows} }
                })
                .collect_view();
            let targets = (!plan.targets.is_empty()).then(|| {
                view! {
                    <h3>{crate::locale::label(lang, "Mục tiêu, chỉ tiêu", "Targets")}</h3>
                    <table class="annex annex-targets" data-testid="print-targets">
                        <thead><tr><th>{crate::locale::label(lang, "Chỉ tiêu", "Indicator")}</th><th>{crate::locale::label(lang, "Đơn vị", "Unit")}</th>
                            {targets_head}<th>{crate::locale::label(lang, "Chủ trì", "Lead agency")}</th>
                            <th>{crate::locale::label(lang, "Phối hợp", "Coordinating")}</th><th>{crate::locale::label(lang, "Ghi chú", "Notes")}</th></tr></thead>
                        <tbody>{target_rows}</tbody>
                    </table>
                }
            });
            view! {
                <h2>{plan.title.clone()}</h2>
                <p class="issuer">{plan.issuer.clone()}</p>
                <h3>{crate::locale::label(lang, "Dự toán kinh phí", "Budget estimate")}</h3>
                <p class="unit">{crate::text!("Đơn vị tính: {unit}", "Unit: {unit}").into_string(lang)}</p>
                <table class="annex annex-budget" class:years-as-rows=years_as_rows data-testid="print-budget">
                    <thead><tr><th>{corner}</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {funding}
                {crate::ui::consolidate::units_annex(e, lang, figures)}
                {targets}
                {work_annex(e, lang, figures)}
            }
        })
        .into_any()
    };
    view! {
        <div class="print-preview" class:open=move || printing.0.get() data-testid="print-preview">
            <div class="print-bar">
                <span>{move || prefs.tr("Xem trước bản in (A4 ngang)", "Print preview (A4 landscape)")}</span>
                <button class="primary" data-testid="print-now" on:click=move |_| print_now()>{move || prefs.tr("In", "Print")}</button>
                <button data-testid="print-close" on:click=move |_| printing.0.set(false)>{move || prefs.tr("Đóng", "Close")}</button>
            </div>
            <section class="print-annex" data-testid="print-annex">{table}</section>
        </div>
    }
}

/// The tasks, each agency's responsibilities and the reporting calendar, as the plans print
/// them ("Phụ lục: Nhiệm vụ", "Trách nhiệm cụ thể"); nothing for a plan without them.
fn work_annex(e: &crate::engine::Editor, lang: crate::locale::Lang, figures: Figures) -> impl IntoView + use<> {
    use crate::engine::work::{calendar, lines_money, responsibilities};
    use crate::locale::label;
    let plan = e.plan();
    let tasks = (!plan.tasks.is_empty()).then(|| {
        let mut group = String::new();
        let rows = plan
            .tasks
            .iter()
            .map(|t| {
                let heading = (t.group != group && !t.group.trim().is_empty()).then(|| {
                    group = t.group.clone();
                    view! { <tr class="area"><th colspan="7">{t.group.clone()}</th></tr> }
                });
                let money = lines_money(plan, e.totals(), &t.lines);
                view! {
                    {heading}
                    <tr><td>{t.number.clone()}</td><td>{t.name.clone()}</td><td>{t.lead.clone()}</td>
                        <td>{t.partners.join("; ")}</td><td>{t.time.clone()}</td><td>{t.places.join("; ")}</td>
                        <td class="num">{if money.is_zero() { String::new() } else { figures.format_amount(money) }}</td></tr>
                }
            })
            .collect_view();
        view! {
            <h3>{label(lang, "Nhiệm vụ và phân công thực hiện", "Tasks and who does them")}</h3>
            <table class="annex annex-tasks" data-testid="print-tasks">
                <thead><tr><th>{label(lang, "STT", "No.")}</th><th>{label(lang, "Nội dung", "Task")}</th>
                    <th>{label(lang, "Chủ trì", "Lead agency")}</th><th>{label(lang, "Phối hợp", "Coordinating")}</th>
                    <th>{label(lang, "Thời gian", "Time")}</th><th>{label(lang, "Địa bàn", "Places")}</th>
                    <th>{label(lang, "Kinh phí", "Money")}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    let duties = responsibilities(plan, e.totals());
    let duties = (!plan.tasks.is_empty() || !plan.agencies.is_empty()).then(|| {
        let rows = duties
            .into_iter()
            .map(|r| {
                let task = |i: &usize| plan.tasks.get(*i).map(|t| format!("{} {}", t.number, t.name).trim().to_string()).unwrap_or_default();
                let leads: Vec<String> = r.leads.iter().map(task).collect();
                let coordinates: Vec<String> = r.coordinates.iter().map(task).collect();
                let name = if r.short.is_empty() { r.name.clone() } else { format!("{} ({})", r.name, r.short) };
                view! {
                    <tr><td>{name}</td><td>{leads.join("; ")}</td><td>{coordinates.join("; ")}</td>
                        <td>{r.follows.join("; ")}</td>
                        <td class="num">{if r.money.is_zero() { String::new() } else { figures.format_amount(r.money) }}</td></tr>
                }
            })
            .collect_view();
        view! {
            <h3>{label(lang, "Trách nhiệm cụ thể", "Responsibilities")}</h3>
            <table class="annex annex-duties" data-testid="print-responsibilities">
                <thead><tr><th>{label(lang, "Cơ quan", "Agency")}</th><th>{label(lang, "Chủ trì", "Leads")}</th>
                    <th>{label(lang, "Phối hợp", "Coordinates")}</th><th>{label(lang, "Theo dõi địa bàn", "Follows")}</th>
                    <th>{label(lang, "Kinh phí phụ trách", "Money it leads")}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    let dates = calendar(plan);
    let reports = (!dates.is_empty()).then(|| {
        let items = dates
            .iter()
            .filter_map(|c| {
                let r = plan.reports.get(c.report)?;
                let when = crate::text!("tháng {}/{}", "{}/{}", c.month, c.year).into_string(lang);
                Some(view! { <li><b>{when}</b>" "{r.name.clone()}" — "{r.from.clone()}" → "{r.to.clone()}</li> })
            })
            .collect_view();
        view! {
            <h3>{label(lang, "Lịch báo cáo, sơ kết, tổng kết", "Reporting calendar")}</h3>
            <ol class="annex-calendar" data-testid="print-calendar">{items}</ol>
        }
    });
    view! { {tasks}{duties}{reports} }
}
