//! The printable annex: the budget table as section IV of the plans prints it (years as rows,
//! "Tổng số" first, "Cộng GĐ" after each phase), and the funding split. Hidden on screen, it is
//! the only thing a printout shows (A4 landscape, see the print stylesheet).

use leptos::prelude::*;

use crate::locale::format_decimal;
use crate::model::ShareRule;
use crate::ui::grid::layout::{Layout, Slot, figure, year_label};
use crate::ui::state::Workbench;

/// Set while the page is being printed: the annex is only built then (a large plan's full table
/// is not worth keeping in the page).
#[derive(Clone, Copy)]
pub struct Printing(pub RwSignal<bool>);

/// Prints the annex: builds it, then opens the browser's print dialog.
pub fn print(printing: Printing) {
    printing.0.set(true);
    set_timeout(
        move || {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        },
        std::time::Duration::from_millis(50),
    );
}

/// The printable annex.
#[component]
pub fn PrintAnnex() -> impl IntoView {
    let ws = Workbench::get();
    let printing = expect_context::<Printing>();
    let before = window_event_listener(leptos::ev::beforeprint, move |_| printing.0.set(true));
    let after = window_event_listener(leptos::ev::afterprint, move |_| printing.0.set(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    let table = move || {
        if !printing.0.get() {
            return ().into_any();
        }
        ws.structure.track();
        ws.totals.track();
        ws.funding.track();
        ws.meta.track();
        let lang = ws.lang.get();
        let vi = lang.is_vi();
        ws.with(|e| {
            let plan = e.plan();
            let layout = Layout::build(e, true, 0);
            let unit = if vi { plan.unit.label_vi() } else { plan.unit.label_en() };
            let fmt = |v: Option<rust_decimal::Decimal>| v.map(|v| format_decimal(v, lang)).unwrap_or_default();
            let head = plan.lines.iter().map(|l| view! { <th>{l.name.clone()}</th> }).collect_view();
            let row = |slot: Slot, class: &'static str| {
                let label = year_label(e, slot, vi);
                let label = if slot == Slot::Total { if vi { "Tổng số".to_string() } else { "Total".to_string() } } else { label };
                let cells = (0..plan.lines.len()).map(|i| view! { <td class="num">{fmt(figure(e, Slot::Line(i), slot))}</td> }).collect_view();
                view! { <tr class=class><th>{label}</th>{cells}<td class="num strong">{fmt(figure(e, Slot::Total, slot))}</td></tr> }
            };
            let mut rows = vec![row(Slot::Total, "total").into_any()];
            for slot in &layout.rows {
                rows.push(row(*slot, if matches!(slot, Slot::Phase(_)) { "subtotal" } else { "" }).into_any());
            }
            let split = e.split();
            let sources = plan.sources.iter().enumerate().map(|(i, s)| {
                let share = match s.rule {
                    ShareRule::Percent { value } => format!("{} %", format_decimal(value, lang)),
                    ShareRule::Amount { .. } => lang.pick("số tiền cố định", "fixed amount").to_string(),
                    ShareRule::Remainder => lang.pick("phần còn lại", "remainder").to_string(),
                };
                let amount = split.grand.amounts.get(i).copied().unwrap_or_default();
                view! { <li>{format!("{} ({share}): {} {unit}", s.name, format_decimal(amount, lang))}</li> }
            }).collect_view();
            let mut years: Vec<i32> = plan.targets.iter().flat_map(|t| t.milestones.keys().copied()).collect();
            years.sort_unstable();
            years.dedup();
            let target_rows = plan.targets.iter().flat_map(|t| {
                let mut rows = vec![(t.name.clone(), t.unit.label(vi), t.comparison, t.milestones.clone(), t.agency.clone())];
                rows.extend(t.variants.iter().map(|v| (format!("   – {}", v.name), t.unit.label(vi), t.comparison, v.milestones.clone(), String::new())));
                rows
            }).map(|(name, unit, cmp, ms, agency)| {
                let cells = years.iter().map(|y| {
                    let v = ms.get(y).map(|v| format!("{} {}", cmp.symbol(), format_decimal(*v, lang))).unwrap_or_default();
                    view! { <td class="num">{v}</td> }
                }).collect_view();
                view! { <tr><td>{name}</td><td>{unit}</td>{cells}<td>{agency}</td></tr> }
            }).collect_view();
            let targets_head = years.iter().map(|y| view! { <th>{if vi { format!("Năm {y}") } else { y.to_string() }}</th> }).collect_view();
            let has_targets = !plan.targets.is_empty();
            view! {
                <h2>{plan.title.clone()}</h2>
                <p class="issuer">{plan.issuer.clone()}</p>
                <h3>{if vi { "Dự toán kinh phí" } else { "Budget estimate" }}</h3>
                <p class="unit">{if vi { format!("Đơn vị tính: {unit}") } else { format!("Unit: {unit}") }}</p>
                <table class="annex">
                    <thead><tr><th>{if vi { "Năm" } else { "Year" }}</th>{head}<th>{if vi { "Tổng" } else { "Total" }}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <h3>{if vi { "Cơ chế tài chính" } else { "Funding" }}</h3>
                <ul>{sources}</ul>
                {has_targets.then(|| view! {
                    <h3>{if vi { "Mục tiêu, chỉ tiêu" } else { "Targets" }}</h3>
                    <table class="annex targets">
                        <thead><tr><th>{if vi { "Chỉ tiêu" } else { "Indicator" }}</th><th>{if vi { "Đơn vị" } else { "Unit" }}</th>
                            {targets_head}<th>{if vi { "Chủ trì" } else { "Lead agency" }}</th></tr></thead>
                        <tbody>{target_rows}</tbody>
                    </table>
                })}
            }
        })
        .into_any()
    };
    view! { <section class="print-annex" data-testid="print-annex">{table}</section> }
}
