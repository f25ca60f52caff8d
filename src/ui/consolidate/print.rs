//! The consolidated annex in print: each unit's part of every line, and of every phase.

use leptos::prelude::*;

use crate::engine::consolidate::{Scope, unit_columns};
use crate::locale::{Lang, label};
use crate::ui::state::Figures;

/// The units' parts of a consolidated plan (nothing for another plan): a table of phases by unit,
/// and one of lines by unit.
pub fn units_annex(e: &crate::engine::Editor, lang: Lang, figures: Figures) -> impl IntoView + use<> {
    let plan = e.plan();
    let totals = e.totals();
    let whole = unit_columns(plan, totals, Scope::Total)?;
    let phases: Vec<_> =
        (0..plan.phases.len()).filter_map(|p| unit_columns(plan, totals, Scope::Phase(p)).map(|c| (p, c))).collect();
    let adjusted = !whole.total_adjustment.is_zero();
    let by_phase = whole
        .units
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let cells = phases.iter().map(|(_, c)| view! { <td class="num">{figures.format_amount(c.total[k])}</td> }).collect_view();
            view! { <tr><td>{name.clone()}</td>{cells}<td class="num">{figures.format_amount(whole.total[k])}</td></tr> }
        })
        .collect_view();
    let adjust_row = adjusted.then(|| {
        let cells = phases
            .iter()
            .map(|(_, c)| view! { <td class="num">{figures.format_amount(c.total_adjustment)}</td> })
            .collect_view();
        view! { <tr><td><i>{label(lang, "Điều chỉnh tại bản tổng hợp", "Changed in the consolidation")}</i></td>{cells}
        <td class="num">{figures.format_amount(whole.total_adjustment)}</td></tr> }
    });
    let phase_head = phases
        .iter()
        .map(|(p, _)| view! { <th>{plan.phases.get(*p).map(|ph| ph.name.clone()).unwrap_or_default()}</th> })
        .collect_view();
    let unit_head = whole.units.iter().map(|u| view! { <th>{u.clone()}</th> }).collect_view();
    let line_rows = plan
        .lines
        .iter()
        .enumerate()
        .map(|(r, l)| {
            let cells = whole.rows[r].iter().map(|v| view! { <td class="num">{figures.format_amount(*v)}</td> }).collect_view();
            let adjust = adjusted.then(|| view! { <td class="num">{figures.format_amount(whole.adjustments[r])}</td> });
            view! {
                <tr class:group=totals.is_group(r)><td style=format!("padding-left:{}em", 0.3 + l.depth as f32)>{l.name.clone()}</td>
                    {cells}{adjust}<td class="num">{figures.format_amount(totals.line_total(r))}</td></tr>
            }
        })
        .collect_view();
    Some(view! {
        <h3>{label(lang, "Tổng hợp theo đơn vị", "By unit")}</h3>
        <table class="annex annex-units" data-testid="print-units">
            <thead><tr><th>{label(lang, "Đơn vị", "Unit")}</th>{phase_head}<th>{label(lang, "Tổng cộng", "Total")}</th></tr></thead>
            <tbody>{by_phase}{adjust_row}</tbody>
        </table>
        <h3>{label(lang, "Phần của từng đơn vị theo nội dung", "Each unit's part of each line")}</h3>
        <table class="annex annex-unit-lines" data-testid="print-unit-lines">
            <thead><tr><th>{label(lang, "Nội dung", "Line")}</th>{unit_head}
                {adjusted.then(|| view! { <th>{label(lang, "Điều chỉnh", "Changed here")}</th> })}
                <th>{label(lang, "Tổng hợp", "Consolidated")}</th></tr></thead>
            <tbody>{line_rows}</tbody>
        </table>
    })
}
