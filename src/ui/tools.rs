//! Bulk tools: spread a phase total over its years, scale amounts by a percentage.

use leptos::prelude::*;

use crate::engine::ops::{Spread, scale, spread};
use crate::engine::{AmountError, Edit, parse_amount};
use crate::locale::Message;
use crate::locale::parse_percent;
use crate::ui::grid::GridCtx;
use crate::ui::grid::layout::Slot;
use crate::ui::state::{Document, Prefs};

/// The tools panel. Spreading works on the line of the active cell; scaling on the selection
/// (or the whole line when a single cell is selected).
#[component]
pub fn ToolsPanel(ctx: GridCtx) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let phase = RwSignal::new(0usize);
    let amount = RwSignal::new(String::new());
    let proportional = RwSignal::new(false);
    let percent = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);

    let phases = move || {
        doc.structure.track();
        doc.with(|e| e.plan().phases.iter().map(|p| p.name.clone()).collect::<Vec<_>>())
    };
    let do_spread = move |_| {
        let lang = prefs.lang.get_untracked();
        let Some(line) = ctx.line_at(ctx.sel.get_untracked().active) else {
            message.set(Some(
                crate::locale::label(
                    lang,
                    "Hãy chọn một ô của dòng cần phân bổ.",
                    "Select a cell of the line to spread.",
                )
                .into(),
            ));
            return;
        };
        let plan_unit = doc.with(|e| e.plan().unit);
        let typed_in = prefs.display_unit.get_untracked().unwrap_or(plan_unit);
        let total = match parse_amount(&amount.get_untracked(), lang, typed_in, plan_unit) {
            Ok(v) => v,
            Err(e) => {
                message.set(Some(e.text(lang)));
                return;
            }
        };
        let how = if proportional.get_untracked() { Spread::Proportionally } else { Spread::Evenly };
        let changes = doc.with(|e| {
            let plan = e.plan();
            let Some(p) = plan.phases.get(phase.get_untracked()) else { return Vec::new() };
            let years: Vec<i32> = p.years.years().collect();
            let places = plan.precision.min(plan.unit.exponent());
            spread(plan, line, &years, total, how, places)
        });
        if !changes.is_empty() {
            doc.apply(Edit::SetCells(changes));
            message.set(None);
        }
    };
    let do_scale = move |_| {
        let lang = prefs.lang.get_untracked();
        let p = match parse_percent(&percent.get_untracked(), lang) {
            Ok(v) => v,
            Err(e) => {
                message.set(Some(e.text(lang)));
                return;
            }
        };
        let s = ctx.sel.get_untracked();
        let (r0, r1, c0, c1) = s.bounds();
        let (lines, years) = ctx.layout.with_untracked(|l| {
            let mut lines = Vec::new();
            let mut years = Vec::new();
            let single = s.anchor == s.active;
            let (row_range, col_range) = if single {
                // The whole line of the active cell.
                if l.transposed {
                    ((0..l.rows.len()).collect::<Vec<_>>(), vec![c0])
                } else {
                    (vec![r0], (1..=l.cols.len()).collect())
                }
            } else {
                ((r0..=r1).collect(), (c0.max(1)..=c1).collect())
            };
            for r in row_range {
                for &c in &col_range {
                    let (Some(&row), Some(&col)) = (l.rows.get(r), c.checked_sub(1).and_then(|c| l.cols.get(c))) else {
                        continue;
                    };
                    if let (Slot::Line(i), Slot::Year(y)) = l.parts(row, col) {
                        if !lines.contains(&i) {
                            lines.push(i);
                        }
                        if !years.contains(&y) {
                            years.push(y);
                        }
                    }
                }
            }
            (lines, years)
        });
        let changes = doc.with(|e| {
            let lines: Vec<usize> = lines.into_iter().filter(|&i| !e.totals().is_group(i)).collect();
            scale(e.plan(), &lines, &years, p)
        });
        let unit = doc.with(|e| e.plan().unit);
        if let Some(v) = changes.iter().filter_map(|c| c.value).find(|v| !unit.accepts(*v)) {
            message.set(Some(AmountError::TooLarge(v).text(lang)));
            return;
        }
        if !changes.is_empty() {
            doc.apply(Edit::SetCells(changes));
            message.set(None);
        }
    };
    view! {
        <details class="panel tools">
            <summary><h3>{move || prefs.tr("Công cụ", "Tools")}</h3></summary>
            <div class="row">
                <label>{move || prefs.tr("Phân bổ tổng giai đoạn", "Spread a phase total")}</label>
            </div>
            <div class="row">
                <select data-testid="spread-phase" on:change=move |ev| phase.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {move || phases().into_iter().enumerate().map(|(i, n)| view! { <option value=i.to_string()>{n}</option> }).collect_view()}
                </select>
                <input type="text" class="numeric" data-testid="spread-amount" inputmode="decimal"
                    placeholder=move || prefs.tr("Tổng", "Total") prop:value=move || amount.get()
                    on:input=move |ev| amount.set(event_target_value(&ev)) />
                <label class="check"><input type="checkbox" data-testid="spread-proportional"
                    on:change=move |ev| proportional.set(event_target_checked(&ev)) />
                    {move || prefs.tr("theo tỷ lệ hiện có", "in proportion")}</label>
                <button data-testid="spread-apply" on:click=do_spread>{move || prefs.tr("Phân bổ", "Spread")}</button>
            </div>
            <div class="row">
                <label>{move || prefs.tr("Nhân vùng chọn với", "Scale the selection by")}</label>
                <input type="text" class="numeric" data-testid="scale-percent" inputmode="decimal" placeholder="110"
                    prop:value=move || percent.get() on:input=move |ev| percent.set(event_target_value(&ev)) />
                "%"
                <button data-testid="scale-apply" on:click=do_scale>{move || prefs.tr("Áp dụng", "Apply")}</button>
            </div>
            <Show when=move || message.get().is_some()>
                <p class="error" data-testid="tools-message">{move || message.get().unwrap_or_default()}</p>
            </Show>
        </details>
    }
}
