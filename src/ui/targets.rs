//! The targets view: indicators grouped by area, with milestone values by year, sub-group
//! variants and agencies, edited inline with the grid's keyboard habits (Enter and the arrows
//! move between rows, Escape puts the saved value back).

use leptos::prelude::*;
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;

use crate::engine::targets::parse_target_value;
use crate::engine::{Edit, TargetChange};
use crate::locale::Message;
use crate::locale::Text;
use crate::locale::format_decimal;
use crate::model::{Comparison, Target, TargetUnit, TargetVariant, Year};
use crate::ui::diagnostics::DiagnosticList;
use crate::ui::field::Field;
use crate::ui::state::{Document, Prefs};

/// The edit that changes target `i` (by its id) as `changes` says, if there is such a target.
fn target_edit(doc: Document, i: usize, changes: impl FnOnce(&Target) -> Vec<TargetChange>) -> Option<Edit> {
    doc.with(|e| {
        let t = e.plan().targets.get(i)?;
        let id = t.id;
        let mut edits: Vec<Edit> = changes(t).into_iter().map(|change| Edit::SetTarget { id, change }).collect();
        Some(if edits.len() == 1 { edits.remove(0) } else { Edit::Batch(edits) })
    })
}

/// Changes target `i` as `changes` says, as one edit merged per field `key`.
fn update_target(
    doc: Document,
    i: usize,
    key: &str,
    changes: impl FnOnce(&Target) -> Vec<TargetChange>,
) -> Result<(), Text> {
    match target_edit(doc, i, changes) {
        Some(edit) => doc.apply_merging(edit, key),
        None => Ok(()),
    }
}

/// Changes target `i` as `changes` says, as an undo step of its own.
fn change_target(doc: Document, i: usize, changes: impl FnOnce(&Target) -> Vec<TargetChange>) {
    if let Some(edit) = target_edit(doc, i, changes) {
        doc.apply(edit);
    }
}

/// Moves target `i` to position `to`, or removes it (`to` is `None`).
fn move_target(doc: Document, i: usize, to: Option<usize>) {
    let Some((id, n)) = doc.with(|e| e.plan().targets.get(i).map(|t| (t.id, e.plan().targets.len()))) else { return };
    match to {
        Some(to) if to < n => doc.apply(Edit::MoveTarget { id, to }),
        Some(_) => {}
        None => doc.apply(Edit::RemoveTarget { id }),
    }
}

/// The milestone years shown: the last year of each phase (or of the period), every year a
/// milestone uses, and the years the planner added.
fn milestone_years(doc: Document, extra: &[Year]) -> Vec<Year> {
    doc.with(|e| {
        let plan = e.plan();
        let mut years: Vec<Year> = plan.phases.iter().map(|p| p.years.last).collect();
        if years.is_empty() {
            years.push(plan.period.last);
        }
        for t in &plan.targets {
            years.extend(t.milestones.keys());
            for v in &t.variants {
                years.extend(v.milestones.keys());
            }
        }
        years.extend(extra);
        years.sort_unstable();
        years.dedup();
        years
    })
}

/// Reads a milestone typed in a cell; a comparison in words ("trên 96%") sets the target's.
fn milestone_input(
    doc: Document,
    prefs: Prefs,
    i: usize,
    variant: Option<usize>,
    year: Year,
    text: String,
) -> Result<(), Text> {
    let lang = prefs.lang.get_untracked();
    let key = format!("target-milestone-{i}-{variant:?}-{year}");
    let (value, comparison) = if text.trim().is_empty() {
        (None, None)
    } else {
        let parsed = parse_target_value(&text, lang).map_err(|e| e.to_text())?;
        (Some(parsed.value), parsed.comparison)
    };
    update_target(doc, i, &key, |t| {
        // The comparison with every keystroke, the target's own when none is typed: merged typing
        // is taken back by the first keystroke's inverse, which must then put it back too.
        vec![
            TargetChange::Comparison(comparison.unwrap_or(t.comparison)),
            TargetChange::Milestone { variant, year, value },
        ]
    })
}

/// The targets view, in its own lazily loaded module.
#[cfg_attr(kehoach_split, leptos::wasm_split::wasm_split(kehoach_targets, wasm_split_path = ::leptos::wasm_split,
    preload(#[doc(hidden)] preload_targets), fallible))]
pub fn targets_view_lazy() -> Result<AnyView, crate::ui::lazy::LoadFailed> {
    Ok(view! { <TargetsView /> }.into_any())
}

/// The targets view.
#[component]
pub fn TargetsView() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let extra_years = RwSignal::new(Vec::<Year>::new());
    let new_year = RwSignal::new(String::new());
    let years = Memo::new(move |_| {
        doc.targets.track();
        doc.structure.track();
        milestone_years(doc, &extra_years.get())
    });
    let count = move || {
        doc.targets.track();
        doc.structure.track();
        doc.with(|e| e.plan().targets.len())
    };
    let shown = RwSignal::new(crate::ui::state::SHOWN_ROWS);
    let add = move |_| {
        let lang = prefs.lang.get_untracked();
        let (id, group, index) = doc.with(|e| {
            let targets = &e.plan().targets;
            (e.plan().next_id(), targets.last().map(|t| t.group.clone()).unwrap_or_default(), targets.len())
        });
        let target = Target {
            id,
            group,
            name: crate::locale::label(lang, "Chỉ tiêu mới", "New target").into(),
            ..Default::default()
        };
        doc.apply(Edit::InsertTarget { index, target: Box::new(target) });
        // Put the cursor in the new target's name.
        let n = doc.with(|e| e.plan().targets.len());
        request_animation_frame(move || {
            if let Some(el) = document()
                .query_selector(&format!("[data-testid=\"target-name-{n}\"]"))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                let _ = el.focus();
                el.select();
            }
        });
    };
    let add_year = move |_| {
        if let Ok(y) = new_year.get_untracked().trim().parse::<Year>()
            && crate::model::limits::PLAN_YEARS.contains(&y)
        {
            extra_years.update(|v| v.push(y));
            new_year.set(String::new());
        }
    };
    let diagnostics =
        Memo::new(move |_| doc.diagnostics().into_iter().filter(|d| d.location.is_target()).collect::<Vec<_>>());

    view! {
        <section class="targets panel" data-testid="targets">
            <div class="toolbar">
                <button data-testid="target-add" on:click=add>{move || prefs.tr("+ Chỉ tiêu", "+ Target")}</button>
                <span class="sep"></span>
                <input type="text" class="year numeric" data-testid="milestone-year" placeholder=move || prefs.tr("Năm mốc", "Year")
                    prop:value=move || new_year.get() on:input=move |ev| new_year.set(event_target_value(&ev)) />
                <button data-testid="milestone-year-add" on:click=add_year>{move || prefs.tr("+ Năm mốc", "+ Milestone year")}</button>
            </div>
            <div class="targets-scroll">
                <table class="targets-table" on:keydown=crate::ui::field::on_table_key>
                    <thead>
                        <tr>
                            <th>"#"</th>
                            <th>{move || prefs.tr("Chỉ tiêu", "Indicator")}</th>
                            <th>{move || prefs.tr("Đơn vị", "Unit")}</th>
                            <th>{move || prefs.tr("So sánh", "Comparison")}</th>
                            {move || years.get().into_iter().map(|y| view! { <th class="num">{crate::io::xlsx_export::year_heading(y, prefs.lang.get())}</th> }).collect_view()}
                            <th>{move || prefs.tr("Chủ trì", "Lead agency")}</th>
                            <th>{move || prefs.tr("Phối hợp", "Coordinating")}</th>
                            <th>{move || prefs.tr("Ghi chú", "Notes")}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <For each=move || { let n = count(); let ys = years.get(); (0..n.min(shown.get())).map(move |i| (n, i, ys.clone())).collect::<Vec<_>>() }
                         key=|k| (k.0, k.1, k.2.clone()) let:k>
                        <TargetRows i=k.1 years=k.2 />
                    </For>
                </table>
                <crate::ui::state::MoreRows count=Signal::derive(count) shown testid="targets-more" vi="chỉ tiêu" en="targets" />
            </div>
            <Show when=move || count() == 0>
                <p class="muted">{move || prefs.tr(
                    "Chưa có chỉ tiêu nào. Ví dụ: «Người trong độ tuổi 15–60 biết chữ: trên 96% đến năm 2015».",
                    "No target yet. For example: 'People aged 15–60 who can read: more than 96 % by 2015'.")}</p>
            </Show>
            <h3>{move || prefs.tr("Kiểm tra chỉ tiêu", "Target checks")}</h3>
            <DiagnosticList items=diagnostics named=true
                on_pick=Callback::new(move |location: crate::diagnostic::Location| { crate::ui::diagnostics::focus_place(prefs, &location); }) />
        </section>
    }
}

/// One target (and its variants), with a group header when the area changes.
#[component]
fn TargetRows(i: usize, years: Vec<Year>) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let n = i + 1;
    let target = move || {
        doc.targets.track();
        doc.with(|e| e.plan().targets.get(i).cloned()).unwrap_or_default()
    };
    let group_header = move || {
        doc.targets.track();
        doc.with(|e| {
            let t = e.plan().targets.get(i)?;
            let previous = i.checked_sub(1).and_then(|p| e.plan().targets.get(p));
            (previous.map(|p| &p.group) != Some(&t.group)).then(|| t.group.clone())
        })
    };
    let nav_row = (i * 20) as i32;
    let text_field =
        move |testid: String, col: &'static str, get: fn(&Target) -> String, set: fn(String) -> TargetChange| {
            let key = testid.clone();
            // What the field holds, as its placeholder and its accessible label.
            let (vi, en) = match col {
                "group" => ("Lĩnh vực (vd. Xóa mù chữ)", "Area (e.g. Literacy)"),
                "unit-name" => ("Đơn vị (vd. trường)", "Unit (e.g. schools)"),
                "agency" => ("Cơ quan chủ trì", "Lead agency"),
                "partners" => ("Cơ quan phối hợp (cách nhau bằng ;)", "Coordinating agencies (separated by ;)"),
                _ => ("Ghi chú", "Notes"),
            };
            let label = Signal::derive(move || prefs.tr(vi, en).to_string());
            view! {
                <Field testid=testid value=Signal::derive(move || get(&target())) class=col placeholder=label label
                    on_input=move |text: String| update_target(doc, i, &key, |_| vec![set(text)]) />
            }
        };
    let units = move || {
        let lang = prefs.lang.get();
        let current = match target().unit {
            TargetUnit::Percent => "percent",
            TargetUnit::Count => "count",
            TargetUnit::Named(_) => "named",
        };
        [("percent", "%", "%"), ("count", "số lượng", "count"), ("named", "đơn vị khác…", "other unit…")]
            .into_iter()
            .map(|(code, v, e)| view! { <option value=code selected=code == current>{crate::locale::label(lang, v, e)}</option> })
            .collect_view()
    };
    let comparisons = move || {
        let lang = prefs.lang.get();
        let current = target().comparison;
        Comparison::ALL
            .into_iter()
            .map(|c| view! { <option value=c.code() selected=c == current>{format!("{} {}", c.symbol(), c.name().get(lang))}</option> })
            .collect_view()
    };
    let milestone_cells = {
        let years = years.clone();
        move |variant: Option<usize>, row: i32| {
            years
                .iter()
                .enumerate()
                .map(|(k, &y)| {
                    let value = Signal::derive(move || {
                        let t = target();
                        let m = match variant {
                            Some(v) => t.variants.get(v).and_then(|v| v.milestones.get(&y).copied()),
                            None => t.milestones.get(&y).copied(),
                        };
                        m.map(|v| format_decimal(v, prefs.lang.get())).unwrap_or_default()
                    });
                    let testid = match variant {
                        Some(v) => format!("variant-milestone-{n}-{}-{y}", v + 1),
                        None => format!("target-milestone-{n}-{y}"),
                    };
                    view! {
                        <td class="num">
                            <NavField testid value row col=format!("y{k}") on_input=move |text: String| milestone_input(doc, prefs, i, variant, y, text) />
                            <span class="pct">{move || if target().unit == TargetUnit::Percent { "%" } else { "" }}</span>
                        </td>
                    }
                })
                .collect_view()
        }
    };
    let variants = move || {
        doc.targets.track();
        doc.with(|e| e.plan().targets.get(i).map(|t| t.variants.len()).unwrap_or(0))
    };
    let cells = milestone_cells.clone();
    view! {
        <tbody class="target">
            {move || group_header().map(|g| view! {
                <tr class="group-row"><th colspan="99">{if g.is_empty() { prefs.tr("(chưa có lĩnh vực)", "(no area)").to_string() } else { g }}</th></tr>
            })}
            <tr data-testid=format!("target-row-{n}")>
                <td class="muted">{n}</td>
                <td class="indicator">
                    {text_field(format!("target-group-{n}"), "group", |t| t.group.clone(), TargetChange::Group)}
                    <NavField testid=format!("target-name-{n}") row=nav_row col="name".to_string()
                        value=Signal::derive(move || target().name)
                        on_input=move |text: String| update_target(doc, i, &format!("target-name-{n}"), |_| vec![TargetChange::Name(text)]) />
                </td>
                <td>
                    <select data-testid=format!("target-unit-{n}") on:change=move |ev| {
                        let code = event_target_value(&ev);
                        let _ = update_target(doc, i, "target-unit", |_| vec![TargetChange::Unit(match code.as_str() {
                            "count" => TargetUnit::Count,
                            "named" => TargetUnit::Named(String::new()),
                            _ => TargetUnit::Percent,
                        })]);
                        doc.end_merge();
                    } prop:value=move || match target().unit {
                        TargetUnit::Percent => "percent",
                        TargetUnit::Count => "count",
                        TargetUnit::Named(_) => "named",
                    }>{units}</select>
                    <Show when=move || matches!(target().unit, TargetUnit::Named(_))>
                        {text_field(format!("target-unit-name-{n}"), "unit-name", |t| match &t.unit { TargetUnit::Named(n) => n.clone(), _ => String::new() },
                            |v| TargetChange::Unit(TargetUnit::Named(v)))}
                    </Show>
                </td>
                <td>
                    <select data-testid=format!("target-comparison-{n}") on:change=move |ev| {
                        if let Some(c) = Comparison::from_code(&event_target_value(&ev)) {
                            let _ = update_target(doc, i, "target-comparison", |_| vec![TargetChange::Comparison(c)]);
                            doc.end_merge();
                        }
                    } prop:value=move || target().comparison.code()>{comparisons}</select>
                </td>
                {cells(None, nav_row)}
                <td>{text_field(format!("target-agency-{n}"), "agency", |t| t.agency.clone(), TargetChange::Agency)}</td>
                <td>{text_field(format!("target-partners-{n}"), "partners", |t| t.partners.join("; "),
                    |v| TargetChange::Partners(v.split(';').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()))}</td>
                <td>{text_field(format!("target-notes-{n}"), "notes", |t| t.notes.clone(), TargetChange::Notes)}</td>
                <td class="actions">
                    <button class="icon" data-testid=format!("target-up-{n}") title=move || prefs.tr("Lên", "Up")
                        on:click=move |_| { if i > 0 { move_target(doc, i, Some(i - 1)) } }>"↑"</button>
                    <button class="icon" data-testid=format!("target-down-{n}") title=move || prefs.tr("Xuống", "Down")
                        on:click=move |_| move_target(doc, i, Some(i + 1))>"↓"</button>
                    <button class="icon" data-testid=format!("variant-add-{n}") title=move || prefs.tr("Thêm chỉ tiêu cho nhóm đối tượng (vd. xã đặc biệt khó khăn)", "Add values for a sub-group")
                        on:click=move |_| {
                            let name = crate::locale::label(prefs.lang.get_untracked(), "xã đặc biệt khó khăn", "especially disadvantaged communes").to_string();
                            change_target(doc, i, |t| vec![TargetChange::InsertVariant { index: t.variants.len(), variant: TargetVariant { name, ..Default::default() } }])
                        }>"+↳"</button>
                    <button class="icon" data-testid=format!("target-remove-{n}") title=move || prefs.tr("Xóa chỉ tiêu", "Remove target")
                        on:click=move |_| move_target(doc, i, None)>"×"</button>
                </td>
            </tr>
            <For each=move || { let v = variants(); (0..v).map(move |k| (v, k)).collect::<Vec<_>>() } key=|k| *k let:k>
                {
                    let v = k.1;
                    let cells = milestone_cells.clone();
                    view! {
                        <tr class="variant" data-testid=format!("variant-row-{n}-{}", v + 1)>
                            <td></td>
                            <td class="indicator">
                                "↳ "
                                <Field testid=format!("variant-name-{n}-{}", v + 1) class="variant-name" label=Signal::derive(move || prefs.tr("Nhóm đối tượng (vd. xã đặc biệt khó khăn)", "Sub-group (e.g. especially disadvantaged communes)").to_string()) placeholder=Signal::derive(move || prefs.tr("Nhóm đối tượng", "Sub-group").to_string())
                                    value=Signal::derive(move || target().variants.get(v).map(|x| x.name.clone()).unwrap_or_default())
                                    on_input=move |text: String| {
                                        update_target(doc, i, &format!("variant-name-{n}-{v}"), |_| vec![TargetChange::VariantName { variant: v, name: text }])
                                    } />
                            </td>
                            <td></td><td></td>
                            {cells(Some(v), nav_row + 1 + v as i32)}
                            <td></td><td></td><td></td>
                            <td class="actions">
                                <button class="icon" data-testid=format!("variant-remove-{n}-{}", v + 1)
                                    on:click=move |_| change_target(doc, i, |_| vec![TargetChange::RemoveVariant { index: v }])>"×"</button>
                            </td>
                        </tr>
                    }
                }
            </For>
        </tbody>
    }
}

/// A [`Field`] that takes part in the table's keyboard navigation.
#[component]
fn NavField(
    testid: String,
    #[prop(into)] value: Signal<String>,
    row: i32,
    col: String,
    on_input: impl Fn(String) -> Result<(), Text> + 'static,
) -> impl IntoView {
    let numeric = col.starts_with('y');
    let class = format!("nav-{col}");
    view! { <Field testid value on_input numeric class nav=(row, col) /> }
}

/// Number of targets, for the tab label.
pub fn count_label(doc: Document, prefs: Prefs) -> String {
    doc.targets.track();
    let n = doc.with(|e| e.plan().targets.len());
    if n == 0 { String::new() } else { format!(" ({})", format_decimal(Decimal::from(n as u64), prefs.lang.get())) }
}
