//! The panel of a consolidated draft: its units, who contributes to the selected figure, a
//! column per unit on demand, and bringing a unit up to date with its new version.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use rust_decimal::Decimal;

use super::{Consolidating, Findings, read_unit_file};
use crate::engine::Edit;
use crate::engine::consolidate::{self, Scope, UnitDraft};
use crate::locale::{Text, format_decimal};
use crate::model::Plan;
use crate::ui::drafts::Drafts;
use crate::ui::grid::GridCtx;
use crate::ui::grid::layout::Slot;
use crate::ui::state::{Document, Notices, Prefs, Session, Tab, data_value};

/// The scope and row of the grid's active cell: `(row or None for the totals row, scope)`.
fn selected(ctx: GridCtx) -> Option<(Option<usize>, Scope)> {
    let pos = ctx.sel.get().active;
    let (line, year) = ctx.parts_at(pos)?;
    let row = match line {
        Slot::Line(i) => Some(i),
        Slot::Total => None,
        _ => return None,
    };
    let scope = match year {
        Slot::Year(y) => Scope::Year(y),
        Slot::Phase(p) => Scope::Phase(p),
        Slot::Total => Scope::Total,
        Slot::Line(_) => return None,
    };
    Some((row, scope))
}

/// The panel (shown for a consolidated draft only).
#[component]
pub fn ConsolidationPanel(
    /// The grid, whose active cell is broken down.
    ctx: GridCtx,
) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let state = Consolidating::get();
    let units = move || {
        doc.structure.track();
        doc.totals.track();
        doc.with(|e| {
            e.plan().consolidation.as_ref().map(|c| {
                c.units.iter().map(|u| (u.name.clone(), u.total, u.origin.clone(), u.unit)).collect::<Vec<_>>()
            })
        })
    };
    let is_consolidation = move || units().is_some();
    // The totals row is not part of the grid's selection: a click on one of its figures (a year's
    // total, a phase's, the grand total) is broken down until a cell is selected again.
    let total_picked = RwSignal::new(None::<Scope>);
    Effect::new(move |_| {
        ctx.sel.track();
        total_picked.set(None);
    });
    let click = window_event_listener(leptos::ev::click, move |ev| {
        let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let Some(cell) = el.closest(".hcell.total").ok().flatten() else { return };
        let id = cell.get_attribute("data-testid").unwrap_or_default();
        let scope = if id == "grand-total" {
            Some(Scope::Total)
        } else if let Some(y) = id.strip_prefix("year-total-").and_then(|y| y.parse().ok()) {
            Some(Scope::Year(y))
        } else {
            id.strip_prefix("phase-total-")
                .and_then(|p| p.parse::<usize>().ok())
                .map(|p| Scope::Phase(p.saturating_sub(1)))
        };
        if scope.is_some() {
            total_picked.set(scope);
        }
    });
    on_cleanup(move || click.remove());
    let breakdown = move || {
        doc.structure.track();
        doc.totals.track();
        let (row, scope) = match total_picked.get() {
            Some(scope) => (None, scope),
            None => selected(ctx)?,
        };
        let b = doc.with(|e| consolidate::breakdown(e.plan(), e.totals(), row, scope))?;
        let label = doc.with(|e| {
            let lang = prefs.lang.get();
            let line = match row {
                Some(r) => e.plan().lines.get(r).map(|l| l.name.clone()).unwrap_or_default(),
                None => crate::locale::label(lang, "Tổng số", "Grand total").to_string(),
            };
            let when = match scope {
                Scope::Year(y) => y.to_string(),
                Scope::Phase(p) => e.plan().phases.get(p).map(|p| p.name.clone()).unwrap_or_default(),
                Scope::Total => crate::locale::label(lang, "cả kỳ", "all years").to_string(),
            };
            format!("{line} — {when}")
        });
        Some((label, b))
    };
    let updating = RwSignal::new(None::<usize>);
    view! {
        <Show when=is_consolidation>
            <section class="panel consolidation-panel" data-testid="consolidation-panel">
                <h3>{move || prefs.tr("Tổng hợp từ các đơn vị", "Consolidated from units")}</h3>
                <ol class="consolidation-units">
                    {move || units().unwrap_or_default().into_iter().enumerate().map(|(k, (name, total, _, unit))| view! {
                        <li data-testid=format!("consolidation-unit-{}", k + 1) data-name=name.clone() data-value=data_value(total)>
                            <span class="name">{name.clone()}</span>
                            <span class="num">{move || format_decimal(total, prefs.lang.get())}</span>
                            {(unit != doc.with(|e| e.plan().unit)).then(|| view! { <span class="muted">{move || format!(" ({})", unit.name().into_string(prefs.lang.get()))}</span> })}
                            <button class="link" data-testid=format!("consolidation-update-{}", k + 1)
                                on:click=move |_| updating.set(Some(k))>{move || prefs.tr("Cập nhật", "Update")}</button>
                        </li>
                    }).collect::<Vec<_>>()}
                </ol>
                {move || updating.get().map(|k| view! { <UpdateUnit k on_done=move || updating.set(None) /> })}
                <div class="breakdown" data-testid="breakdown">
                    {move || match breakdown() {
                        None => view! { <p class="muted">{prefs.tr("Chọn một ô hoặc một tổng để xem phần của từng đơn vị.", "Select a cell or a total to see each unit's part.")}</p> }.into_any(),
                        Some((label, b)) => view! {
                            <p><b data-testid="breakdown-label">{label}</b>": "
                                <span data-testid="breakdown-value" data-value=data_value(b.value)>{format_decimal(b.value, prefs.lang.get())}</span></p>
                            <table>
                                {b.parts.iter().enumerate().map(|(k, (name, amount))| view! {
                                    <tr data-testid=format!("breakdown-unit-{}", k + 1) data-name=name.clone() data-value=data_value(*amount)>
                                        <td>{name.clone()}</td><td class="num">{format_decimal(*amount, prefs.lang.get())}</td>
                                    </tr>
                                }).collect::<Vec<_>>()}
                                {(!b.adjustment.is_zero()).then(|| view! {
                                    <tr data-testid="breakdown-adjustment" data-value=data_value(b.adjustment)>
                                        <td><i>{prefs.tr("Điều chỉnh tại bản tổng hợp", "Changed in the consolidation")}</i></td>
                                        <td class="num">{format_decimal(b.adjustment, prefs.lang.get())}</td>
                                    </tr>
                                })}
                            </table>
                        }.into_any(),
                    }}
                </div>
                <button data-testid="consolidation-columns" aria-pressed=move || state.columns.get().to_string()
                    on:click=move |_| state.columns.update(|v| *v = !*v)>{move || prefs.tr("Cột theo đơn vị", "A column per unit")}</button>
                <Show when=move || !state.findings.with(Vec::is_empty)>
                    {move || view! { <Findings list=state.findings.get() /> }}
                </Show>
            </section>
        </Show>
    }
}

/// Brings unit `k` up to date with a saved draft or a file: its share replaced as one undo
/// step, the draft as it was kept as a saved copy and compared with the new one.
#[component]
fn UpdateUnit(
    /// The unit's index.
    k: usize,
    /// Called when done or cancelled.
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let session = Session::get();
    let notices = Notices::get();
    let drafts = Drafts::get();
    let state = Consolidating::get();
    let (unit_name, origin) = doc.with(|e| {
        e.plan()
            .consolidation
            .as_ref()
            .and_then(|c| c.units.get(k))
            .map(|u| (u.name.clone(), u.origin.clone()))
            .unwrap_or_default()
    });
    let open_id = session.draft_id.get_untracked();
    let others: Vec<(String, String)> =
        drafts.list.get_untracked().into_iter().filter(|m| m.id != open_id).map(|m| (m.id, m.name)).collect();
    let from = RwSignal::new(if others.iter().any(|(id, _)| *id == origin) { origin.clone() } else { String::new() });
    let threshold = RwSignal::new("10".to_string());
    let error = RwSignal::new(None::<Text>);
    let unit_name = StoredValue::new(unit_name);
    let apply = move |origin: String, plan: Plan| {
        let lang = prefs.lang.get_untracked();
        let threshold = crate::locale::parse_number(&threshold.get_untracked(), lang).unwrap_or(Decimal::TEN);
        let unit = UnitDraft { name: unit_name.get_value(), origin, plan };
        let (before, out) = doc.with(|e| (e.plan().clone(), consolidate::update(e.plan(), &unit, threshold)));
        // The draft as it was, kept: the comparison view shows what changed.
        let name = format!(
            "{} — {} {}",
            session.draft_name.get_untracked(),
            crate::locale::label(lang, "trước khi cập nhật", "before updating"),
            unit.name
        );
        let kept = drafts.store_copy(name, &before);
        state.findings.set(out.diagnostics.clone());
        doc.apply(Edit::ReplacePlan(Box::new(out.plan)));
        if let Some(id) = kept {
            crate::ui::compare::compare_with(prefs, session, id);
        }
        let name = unit.name.clone();
        notices.push(
            crate::diagnostic::Severity::Info,
            crate::text!("Đã cập nhật phần của {name}.", "{name}'s share brought up to date."),
        );
        on_done();
    };
    let use_saved = move |_| {
        let id = from.get_untracked();
        match drafts.load_plan(&id) {
            Some(plan) => apply(id, plan),
            None => error.set(Some(Text::fixed("Hãy chọn một bản nháp.", "Pick a draft."))),
        }
    };
    let use_file = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let origin = file.name();
        read_unit_file(file, move |r| match r {
            Ok((_, plan)) => apply(origin, plan),
            Err(t) => error.set(Some(t)),
        });
    };
    let _ = Tab::Compare;
    view! {
        <div class="update-unit" data-testid="consolidation-update">
            <p>{move || crate::text!("Phiên bản mới của {}:", "New version of {}:", unit_name.get_value()).into_string(prefs.lang.get())}</p>
            <select data-testid="consolidation-update-from" on:change=move |ev| from.set(event_target_value(&ev))>
                <option value="" selected=move || from.get().is_empty()>{move || prefs.tr("— bản nháp đã lưu —", "— a saved draft —")}</option>
                {others.into_iter().map(|(id, name)| { let sel = id.clone(); view! {
                    <option value=id.clone() selected=move || from.get() == sel>{name}</option>
                }}).collect::<Vec<_>>()}
            </select>
            <label class="file-button">{move || prefs.tr("hoặc tệp…", "or a file…")}
                <input type="file" data-testid="consolidation-update-file" accept=".json,.xlsx,.xlsm,.xls,.xlsb,.ods,.docx" on:change=use_file />
            </label>
            <label>{move || prefs.tr("Báo khi tổng đổi quá (%)", "Report a total changed by more than (%)")}
                <input data-testid="consolidation-threshold" size="4" prop:value=move || threshold.get() on:input=move |ev| threshold.set(event_target_value(&ev)) />
            </label>
            {move || error.get().map(|t| view! { <p class="notice warning">{prefs.say(&t)}</p> })}
            <button class="primary" data-testid="consolidation-update-confirm" on:click=use_saved>{move || prefs.tr("Cập nhật", "Update")}</button>
            <button on:click=move |_| on_done()>{move || prefs.tr("Hủy", "Cancel")}</button>
        </div>
    }
}

/// A column per unit: every line's figure for the chosen scope, split by unit.
#[component]
pub fn UnitColumnsView() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let state = Consolidating::get();
    let scope = RwSignal::new(String::from("total"));
    let scopes = move || {
        doc.structure.track();
        doc.with(|e| {
            let mut out =
                vec![("total".to_string(), crate::locale::label(prefs.lang.get(), "Cả kỳ", "All years").to_string())];
            out.extend(e.plan().phases.iter().enumerate().map(|(p, ph)| (format!("p{p}"), ph.name.clone())));
            out.extend(e.totals().columns().iter().map(|y| (format!("y{y}"), y.to_string())));
            out
        })
    };
    let parse = move |s: &str| -> Scope {
        if let Some(p) = s.strip_prefix('p').and_then(|p| p.parse().ok()) {
            Scope::Phase(p)
        } else if let Some(y) = s.strip_prefix('y').and_then(|y| y.parse().ok()) {
            Scope::Year(y)
        } else {
            Scope::Total
        }
    };
    let table = move || {
        doc.structure.track();
        doc.totals.track();
        let sc = parse(&scope.get());
        doc.with(|e| {
            let columns = consolidate::unit_columns(e.plan(), e.totals(), sc)?;
            let names: Vec<(String, u8)> = e.plan().lines.iter().map(|l| (l.name.clone(), l.depth)).collect();
            let values: Vec<Decimal> = (0..names.len())
                .map(|r| columns.rows[r].iter().copied().sum::<Decimal>() + columns.adjustments[r])
                .collect();
            Some((columns, names, values))
        })
    };
    view! {
        <Show when=move || state.columns.get()>
            <div class="overlay" on:click=move |ev| {
                if ev.target() == ev.current_target() { state.columns.set(false) }
            }>
                <section class="panel unit-columns" data-testid="unit-columns" role="dialog">
                    <h3>{move || prefs.tr("Phần của từng đơn vị", "Each unit's part")}</h3>
                    <select data-testid="unit-columns-scope" on:change=move |ev| scope.set(event_target_value(&ev))>
                        {move || scopes().into_iter().map(|(v, label)| { let sel = v.clone(); view! {
                            <option value=v selected=move || scope.get() == sel>{label}</option>
                        }}).collect::<Vec<_>>()}
                    </select>
                    <button class="icon" data-testid="unit-columns-close" on:click=move |_| state.columns.set(false) aria-label=move || prefs.tr("Đóng", "Close")>"×"</button>
                    {move || table().map(|(columns, names, values)| {
                        let lang = prefs.lang.get();
                        let show_adjust = columns.adjustments.iter().any(|a| !a.is_zero()) || !columns.total_adjustment.is_zero();
                        view! {
                            <div class="unit-columns-scroll">
                            <table>
                                <thead><tr>
                                    <th>{prefs.tr("Nội dung", "Line")}</th>
                                    {columns.units.iter().enumerate().map(|(k, u)| view! { <th data-testid=format!("unit-column-{}", k + 1)>{u.clone()}</th> }).collect::<Vec<_>>()}
                                    {show_adjust.then(|| view! { <th>{prefs.tr("Điều chỉnh", "Changed here")}</th> })}
                                    <th>{prefs.tr("Tổng hợp", "Consolidated")}</th>
                                </tr></thead>
                                <tbody>
                                    {names.iter().enumerate().map(|(r, (name, depth))| view! {
                                        <tr>
                                            <td style=format!("padding-left:{}em", 0.3 + *depth as f32)>{name.clone()}</td>
                                            {columns.rows[r].iter().enumerate().map(|(k, v)| view! {
                                                <td class="num" data-testid=format!("unit-cell-{}-{}", r + 1, k + 1) data-value=data_value(*v)>{format_decimal(*v, lang)}</td>
                                            }).collect::<Vec<_>>()}
                                            {show_adjust.then(|| view! { <td class="num" data-value=data_value(columns.adjustments[r])>{format_decimal(columns.adjustments[r], lang)}</td> })}
                                            <td class="num" data-value=data_value(values[r])>{format_decimal(values[r], lang)}</td>
                                        </tr>
                                    }).collect::<Vec<_>>()}
                                    <tr class="total">
                                        <td>{prefs.tr("Tổng số", "Grand total")}</td>
                                        {columns.total.iter().enumerate().map(|(k, v)| view! {
                                            <td class="num" data-testid=format!("unit-total-{}", k + 1) data-value=data_value(*v)>{format_decimal(*v, lang)}</td>
                                        }).collect::<Vec<_>>()}
                                        {show_adjust.then(|| view! { <td class="num">{format_decimal(columns.total_adjustment, lang)}</td> })}
                                        <td class="num">{format_decimal(columns.total.iter().copied().sum::<Decimal>() + columns.total_adjustment, lang)}</td>
                                    </tr>
                                </tbody>
                            </table>
                            </div>
                        }
                    })}
                </section>
            </div>
        </Show>
    }
}
