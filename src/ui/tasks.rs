//! The tasks view: the plan's tasks (who does what, when, where, with which money, for which
//! targets), each agency's responsibilities generated from them, and the reporting calendar.
//! Edited inline with the targets table's keyboard habits (Enter and the arrows move between
//! rows, Escape leaves the field).

use leptos::prelude::*;
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;

use crate::engine::work::{TaskTime, calendar, lines_money, responsibilities};
use crate::engine::{AgencyChange, Edit, ReportChange, TaskChange};
use crate::locale::{Text, format_decimal};
use crate::model::{Agency, AgencyLevel, ItemId, Report, ReportKind, Task};
use crate::ui::diagnostics::DiagnosticList;
use crate::ui::field::Field;
use crate::ui::state::{Document, Figures, Prefs, data_value};

/// Names typed in one field: separated by ";" (or by "," when there is no ";"), trimmed.
pub fn split_names(text: &str) -> Vec<String> {
    let sep = if text.contains(';') { ';' } else { ',' };
    text.split(sep).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// Changes task `i` as `change` says: one undo step per field `key` (typing merges).
fn update_task(doc: Document, i: usize, key: &str, change: TaskChange) -> Result<(), Text> {
    match doc.with(|e| e.plan().tasks.get(i).map(|t| t.id)) {
        Some(id) => doc.apply_merging(Edit::SetTask { id, change }, key),
        None => Ok(()),
    }
}

/// Changes report `i` as `change` says (typing merges per `key`).
fn update_report(doc: Document, i: usize, key: &str, change: ReportChange) -> Result<(), Text> {
    match doc.with(|e| e.plan().reports.get(i).map(|r| r.id)) {
        Some(id) => doc.apply_merging(Edit::SetReport { id, change }, key),
        None => Ok(()),
    }
}

/// Changes the directory's entry for agency `name` (added to the directory first when the plan
/// names it only where it acts).
fn update_agency(doc: Document, name: &str, key: &str, change: AgencyChange) -> Result<(), Text> {
    let found = doc.with(|e| e.plan().agency_index(name).map(|i| e.plan().agencies[i].id));
    match found {
        Some(id) => doc.apply_merging(Edit::SetAgency { id, change }, key),
        None => {
            let id = doc.with(|e| e.plan().next_id());
            let mut agency =
                Agency { id, name: name.to_string(), level: AgencyLevel::guess(name), ..Default::default() };
            match change {
                AgencyChange::Short(s) => agency.short = s,
                AgencyChange::Level(l) => agency.level = l,
                AgencyChange::Follows(f) => agency.follows = f,
            }
            let index = doc.with(|e| e.plan().agencies.len());
            doc.apply_merging(Edit::InsertAgency { index, agency }, key)
        }
    }
}

/// Focuses the input with `data-testid` = `testid` once the next frame is drawn.
fn focus_later(testid: String) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .query_selector(&format!("[data-testid=\"{testid}\"]"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            let _ = el.focus();
            el.select();
        }
    });
}

/// The tasks view, in its own lazily loaded module.
#[cfg_attr(kehoach_split, leptos::wasm_split::wasm_split(kehoach_tasks, wasm_split_path = ::leptos::wasm_split,
    preload(#[doc(hidden)] preload_tasks), fallible))]
pub fn tasks_view_lazy() -> Result<AnyView, crate::ui::lazy::LoadFailed> {
    Ok(view! { <TasksView /> }.into_any())
}

/// The tasks view: tasks, responsibilities by agency, reporting calendar, checks.
#[component]
pub fn TasksView() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let count = move || {
        doc.work.track();
        doc.with(|e| e.plan().tasks.len())
    };
    let shown = RwSignal::new(crate::ui::state::SHOWN_ROWS);
    let add = move |_| {
        let (id, group, index) = doc.with(|e| {
            let tasks = &e.plan().tasks;
            (e.plan().next_id(), tasks.last().map(|t| t.group.clone()).unwrap_or_default(), tasks.len())
        });
        let name = crate::locale::label(prefs.lang.get_untracked(), "Nhiệm vụ mới", "New task").to_string();
        doc.apply(Edit::InsertTask { index, task: Box::new(Task { id, group, name, ..Default::default() }) });
        focus_later(format!("task-name-{}", index + 1));
    };
    let diagnostics = Memo::new(move |_| {
        use crate::diagnostic::{Location, PlanPlace};
        doc.diagnostics()
            .into_iter()
            .filter(|d| {
                matches!(
                    d.location,
                    Location::Plan(
                        PlanPlace::Tasks
                            | PlanPlace::TaskName(_)
                            | PlanPlace::TaskLead(_)
                            | PlanPlace::TaskTime(_)
                            | PlanPlace::Agencies
                            | PlanPlace::Agency(_)
                    )
                ) || matches!(d.code.as_ref(), "line_not_spent" | "target_not_served")
            })
            .collect::<Vec<_>>()
    });
    let agency_names = move || {
        doc.work.track();
        doc.meta.track();
        doc.targets.track();
        doc.with(|e| {
            let mut names: Vec<String> = e.plan().agencies.iter().map(|a| a.name.clone()).collect();
            for n in e.plan().agency_names() {
                if !names.iter().any(|x| x == n) {
                    names.push(n.to_string());
                }
            }
            names
        })
    };
    view! {
        <section class="tasks panel" data-testid="tasks">
            <datalist id="agency-names">
                {move || agency_names().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
            </datalist>
            <div class="toolbar">
                <button data-testid="task-add" on:click=add>{move || prefs.tr("+ Nhiệm vụ", "+ Task")}</button>
            </div>
            <div class="tasks-scroll">
                <table class="tasks-table" on:keydown=crate::ui::field::on_table_key>
                    <thead>
                        <tr>
                            <th>{move || prefs.tr("STT", "No.")}</th>
                            <th>{move || prefs.tr("Nội dung", "Task")}</th>
                            <th>{move || prefs.tr("Chủ trì", "Lead agency")}</th>
                            <th>{move || prefs.tr("Phối hợp", "Coordinating")}</th>
                            <th>{move || prefs.tr("Thời gian", "Time")}</th>
                            <th>{move || prefs.tr("Địa bàn", "Places")}</th>
                            <th class="num">{move || prefs.tr("Kinh phí", "Money")}</th>
                            <th>{move || prefs.tr("Chỉ tiêu", "Targets")}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <For each=move || { let n = count(); (0..n.min(shown.get())).map(move |i| (n, i)).collect::<Vec<_>>() }
                         key=|k| *k let:k>
                        <TaskRows i=k.1 />
                    </For>
                </table>
                <crate::ui::state::MoreRows count=Signal::derive(count) shown testid="tasks-more" vi="nhiệm vụ" en="tasks" />
            </div>
            <Show when=move || count() == 0>
                <p class="muted">{move || prefs.tr(
                    "Chưa có nhiệm vụ nào. Ví dụ: «Tuyên truyền nâng cao nhận thức về xây dựng xã hội học tập» — chủ trì: Sở Thông tin và Truyền thông; thời gian: hằng năm.",
                    "No task yet. For example: 'Raise awareness of the learning society' — lead: Department of Information and Communications; time: every year.")}</p>
            </Show>
            <h3>{move || prefs.tr("Kiểm tra nhiệm vụ", "Task checks")}</h3>
            <DiagnosticList items=diagnostics named=true
                on_pick=Callback::new(move |location: crate::diagnostic::Location| { crate::ui::diagnostics::focus_place(prefs, &location); }) />
            <AgencyView />
            <CalendarView />
        </section>
    }
}

/// One task: a group header when the heading changes, then its row.
#[component]
fn TaskRows(i: usize) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let figures = Figures::get();
    let n = i + 1;
    let task = move || {
        doc.work.track();
        doc.with(|e| e.plan().tasks.get(i).cloned()).unwrap_or_default()
    };
    let group_header = move || {
        doc.work.track();
        doc.with(|e| {
            let t = e.plan().tasks.get(i)?;
            let previous = i.checked_sub(1).and_then(|p| e.plan().tasks.get(p));
            (previous.map(|p| &p.group) != Some(&t.group) && !t.group.trim().is_empty()).then(|| t.group.clone())
        })
    };
    let field = move |col: &'static str,
                      value: Signal<String>,
                      label: (&'static str, &'static str),
                      set: fn(String) -> TaskChange| {
        let testid = format!("task-{col}-{n}");
        let key = testid.clone();
        view! {
            <td class=col>
                <Field testid value class=format!("nav-{col}") nav=(i as i32, col.to_string())
                    label=Signal::derive(move || prefs.tr(label.0, label.1).to_string())
                    placeholder=Signal::derive(move || prefs.tr(label.0, label.1).to_string())
                    on_input=move |text: String| update_task(doc, i, &key, set(text)) />
            </td>
        }
    };
    let money = Memo::new(move |_| {
        doc.totals.track();
        doc.structure.track();
        doc.work.track();
        doc.with(|e| {
            lines_money(e.plan(), e.totals(), &e.plan().tasks.get(i).map(|t| t.lines.clone()).unwrap_or_default())
        })
    });
    let time_hint = move || {
        let t = task();
        doc.with(|e| match TaskTime::read(&t.time, e.plan()) {
            TaskTime::Text if !t.time.trim().is_empty() => {
                crate::locale::label(prefs.lang.get(), "không có ngày", "no date").to_string()
            }
            time => time
                .years(e.plan())
                .map(|r| if r.first == r.last { r.first.to_string() } else { format!("{}–{}", r.first, r.last) })
                .unwrap_or_default(),
        })
    };
    view! {
        <tbody data-testid=format!("task-row-{n}")>
            {move || group_header().map(|_| view! {
                <tr class="group"><th colspan="9">
                    <Field testid=format!("task-group-{n}") class="group-name" value=Signal::derive(move || task().group)
                        label=Signal::derive(move || prefs.tr("Nhóm nhiệm vụ (kế hoạch thành phần)", "Task group (component plan)").to_string())
                        on_input=move |text: String| update_task(doc, i, &format!("task-group-{n}"), TaskChange::Group(text)) />
                </th></tr>
            })}
            <tr>
                {field("number", Signal::derive(move || task().number), ("STT", "No."), TaskChange::Number)}
                {field("name", Signal::derive(move || task().name), ("Nội dung nhiệm vụ", "What is to be done"), TaskChange::Name)}
                <td class="lead">
                    <Field testid=format!("task-lead-{n}") value=Signal::derive(move || task().lead) class="nav-lead" nav=(i as i32, "lead".to_string())
                        label=Signal::derive(move || prefs.tr("Cơ quan chủ trì", "Lead agency").to_string())
                        placeholder=Signal::derive(move || prefs.tr("Cơ quan chủ trì", "Lead agency").to_string())
                        list="agency-names"
                        on_input=move |text: String| update_task(doc, i, &format!("task-lead-{n}"), TaskChange::Lead(text.trim().to_string())) />
                </td>
                <td class="partners">
                    <Field testid=format!("task-partners-{n}") value=Signal::derive(move || task().partners.join("; ")) class="nav-partners" nav=(i as i32, "partners".to_string())
                        label=Signal::derive(move || prefs.tr("Cơ quan phối hợp (cách nhau bằng ; hoặc ,)", "Coordinating agencies (separated by ; or ,)").to_string())
                        placeholder=Signal::derive(move || prefs.tr("Cơ quan phối hợp", "Coordinating agencies").to_string())
                        on_input=move |text: String| update_task(doc, i, &format!("task-partners-{n}"), TaskChange::Partners(split_names(&text))) />
                </td>
                <td class="time">
                    <Field testid=format!("task-time-{n}") value=Signal::derive(move || task().time) class="nav-time" nav=(i as i32, "time".to_string())
                        label=Signal::derive(move || prefs.tr("Thời gian (vd. 2013–2015, hằng năm, trước tháng 5/2013)", "Time (e.g. 2013–2015, every year, before 5/2013)").to_string())
                        placeholder=Signal::derive(move || prefs.tr("Thời gian", "Time").to_string())
                        on_input=move |text: String| update_task(doc, i, &format!("task-time-{n}"), TaskChange::Time(text)) />
                    <span class="muted hint" data-testid=format!("task-time-read-{n}")>{time_hint}</span>
                </td>
                <td class="places">
                    <Field testid=format!("task-places-{n}") value=Signal::derive(move || task().places.join("; ")) class="nav-places" nav=(i as i32, "places".to_string())
                        label=Signal::derive(move || prefs.tr("Địa bàn (huyện, xã; cách nhau bằng ;)", "Places (districts, communes; separated by ;)").to_string())
                        placeholder=Signal::derive(move || prefs.tr("Địa bàn", "Places").to_string())
                        on_input=move |text: String| update_task(doc, i, &format!("task-places-{n}"), TaskChange::Places(split_names(&text))) />
                </td>
                <td class="num">
                    <LinkPicker i kind=Links::Lines>
                        <span data-testid=format!("task-lines-{n}") data-value=move || data_value(money.get())>
                            {move || figures.format_amount(money.get())}
                        </span>
                    </LinkPicker>
                </td>
                <td>
                    <LinkPicker i kind=Links::Targets>
                        <span data-testid=format!("task-targets-{n}") data-value=move || task().targets.len().to_string()>
                            {move || { let k = task().targets.len(); if k == 0 { "—".to_string() } else { format_decimal(Decimal::from(k as u64), prefs.lang.get()) } }}
                        </span>
                    </LinkPicker>
                </td>
                <td class="actions">
                    <button class="icon" data-testid=format!("task-up-{n}") title=move || prefs.tr("Lên", "Up")
                        on:click=move |_| { if let Some(id) = doc.with(|e| e.plan().tasks.get(i).map(|t| t.id)) && i > 0 { doc.apply(Edit::MoveTask { id, to: i - 1 }) } }>"↑"</button>
                    <button class="icon" data-testid=format!("task-remove-{n}") title=move || prefs.tr("Xóa nhiệm vụ", "Remove task")
                        on:click=move |_| { if let Some(id) = doc.with(|e| e.plan().tasks.get(i).map(|t| t.id)) { doc.apply(Edit::RemoveTask { id }) } }>"×"</button>
                </td>
            </tr>
        </tbody>
    }
}

/// Which links a picker edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Links {
    /// The budget lines a task spends.
    Lines,
    /// The targets a task serves.
    Targets,
}

/// A drop-down list of the plan's lines (or targets) with a box each: ticking one links it to
/// task `i` (one undo step).
#[component]
fn LinkPicker(i: usize, kind: Links, children: Children) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let n = i + 1;
    let (prefix, title) = match kind {
        Links::Lines => ("task-line", ("Các dòng kinh phí của nhiệm vụ", "The task's budget lines")),
        Links::Targets => ("task-target", ("Các chỉ tiêu nhiệm vụ phục vụ", "The targets the task serves")),
    };
    let items = move || {
        doc.work.track();
        doc.structure.track();
        doc.meta.track();
        doc.targets.track();
        doc.with(|e| {
            let p = e.plan();
            let linked: Vec<ItemId> = p
                .tasks
                .get(i)
                .map(|t| if kind == Links::Lines { t.lines.clone() } else { t.targets.clone() })
                .unwrap_or_default();
            let all: Vec<(ItemId, String)> = match kind {
                Links::Lines => p
                    .lines
                    .iter()
                    .map(|l| (l.id, format!("{}{}{}", l.code, if l.code.is_empty() { "" } else { " " }, l.name)))
                    .collect(),
                Links::Targets => p.targets.iter().map(|t| (t.id, t.name.clone())).collect(),
            };
            all.into_iter().map(|(id, name)| (id, name, linked.contains(&id))).collect::<Vec<_>>()
        })
    };
    let toggle = move |id: ItemId| {
        let Some((task, mut list)) = doc.with(|e| {
            e.plan()
                .tasks
                .get(i)
                .map(|t| (t.id, if kind == Links::Lines { t.lines.clone() } else { t.targets.clone() }))
        }) else {
            return;
        };
        if let Some(k) = list.iter().position(|x| *x == id) {
            list.remove(k);
        } else {
            list.push(id);
        }
        let change = if kind == Links::Lines { TaskChange::Lines(list) } else { TaskChange::Targets(list) };
        doc.apply(Edit::SetTask { id: task, change });
    };
    view! {
        <details class="link-picker" data-testid=format!("{prefix}s-pick-{n}")>
            <summary title=move || prefs.tr(title.0, title.1)>{children()}</summary>
            <ul>
                {move || items().into_iter().enumerate().map(|(m, (id, name, on))| view! {
                    <li><label>
                        <input type="checkbox" data-testid=format!("{prefix}-{n}-{}", m + 1) prop:checked=on on:change=move |_| toggle(id) />
                        {name}
                    </label></li>
                }).collect_view()}
            </ul>
        </details>
    }
}

/// Each agency's responsibilities, generated from the plan ("Trách nhiệm cụ thể"): one block per
/// agency, kept while the planner types in it (keyed by position and name).
#[component]
fn AgencyView() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let list = Memo::new(move |_| {
        doc.work.track();
        doc.totals.track();
        doc.structure.track();
        doc.meta.track();
        doc.targets.track();
        doc.with(|e| responsibilities(e.plan(), e.totals()))
    });
    let keys = move || list.with(|l| l.iter().enumerate().map(|(k, r)| (k, r.name.clone())).collect::<Vec<_>>());
    view! {
        <section class="agencies" data-testid="agency-view">
            <h3>{move || prefs.tr("Trách nhiệm của các cơ quan", "Responsibilities by agency")}</h3>
            <Show when=move || list.with(|l| l.is_empty())>
                <p class="muted">{move || prefs.tr("Chưa có cơ quan nào được giao việc.", "No agency has been given anything to do yet.")}</p>
            </Show>
            <For each=keys key=|k| k.clone() let:k>
                <AgencyBlock k=k.0 name=k.1 list />
            </For>
        </section>
    }
}

/// One agency's block: its name (renamed everywhere), short name, level, money, and what it
/// answers for.
#[component]
fn AgencyBlock(k: usize, name: String, list: Memo<Vec<crate::engine::work::Responsibility>>) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let figures = Figures::get();
    let n = k + 1;
    let r = move || list.with(|l| l.get(k).cloned());
    let money = move || r().map(|r| r.money).unwrap_or_default();
    let details = move || {
        let r = r()?;
        doc.with(|e| {
            let p = e.plan();
            let task = |i: &usize| p.tasks.get(*i).map(|t| format!("{} {}", t.number, t.name).trim().to_string()).unwrap_or_default();
            let led: Vec<String> = r.leads.iter().map(task).collect();
            let coordinated: Vec<String> = r.coordinates.iter().map(task).collect();
            let targets: Vec<String> =
                r.targets_led.iter().chain(&r.targets_coordinated).filter_map(|i| p.targets.get(*i).map(|t| t.name.clone())).collect();
            let lines: Vec<(String, Decimal)> =
                r.lines.iter().filter_map(|i| p.lines.get(*i).map(|l| (l.name.clone(), e.totals().line_total(*i)))).collect();
            let phases: Vec<(String, Decimal)> = p
                .phases
                .iter()
                .map(|ph| ph.short_name())
                .zip(r.money_by_phase.iter().copied())
                .filter(|(_, m)| !m.is_zero())
                .collect();
            Some(view! {
                {(!led.is_empty()).then(|| view! { <dt>{move || prefs.tr("Chủ trì", "Leads")}</dt><dd data-testid=format!("agency-leads-{n}") data-value=led.len().to_string()>{led.join("; ")}</dd> })}
                {(!coordinated.is_empty()).then(|| view! { <dt>{move || prefs.tr("Phối hợp", "Coordinates")}</dt><dd data-testid=format!("agency-coordinates-{n}") data-value=coordinated.len().to_string()>{coordinated.join("; ")}</dd> })}
                {(!targets.is_empty()).then(|| view! { <dt>{move || prefs.tr("Chỉ tiêu", "Targets")}</dt><dd>{targets.join("; ")}</dd> })}
                {(!lines.is_empty()).then(|| view! {
                    <dt>{move || prefs.tr("Kinh phí phụ trách", "Money it leads")}</dt>
                    <dd>
                        {lines.into_iter().map(|(l, m)| view! { <span class="line">{l}": "{move || figures.format_amount(m)}</span> }).collect_view()}
                        <span class="by-phase">{phases.into_iter().map(|(p, m)| view! { <span>{p}": "{move || figures.format_amount(m)}</span> }).collect_view()}</span>
                    </dd>
                })}
            }.into_any())
        })
    };
    let level = move || r().map(|r| r.level).unwrap_or_default();
    let (name_a, name_b, name_c, name_d) = (name.clone(), name.clone(), name.clone(), name.clone());
    view! {
        <div class="agency" data-testid=format!("agency-{n}") data-name=name.clone() data-value=move || data_value(money())>
            <div class="row">
                <input type="text" class="agency-name" data-testid=format!("agency-name-{n}") prop:value=name.clone()
                    aria-label=move || prefs.tr("Tên cơ quan (đổi ở đây là đổi ở mọi nơi)", "Agency name (renamed here, renamed everywhere)")
                    on:change=move |ev| {
                        let to = event_target_value(&ev);
                        doc.apply(Edit::RenameAgency { from: name_a.clone(), to });
                    } />
                <Field testid=format!("agency-short-{n}") class="agency-short" value=Signal::derive(move || r().map(|r| r.short).unwrap_or_default())
                    label=Signal::derive(move || prefs.tr("Tên viết tắt (vd. Sở GD&ĐT)", "Short name (e.g. Sở GD&ĐT)").to_string())
                    placeholder=Signal::derive(move || prefs.tr("Viết tắt", "Short name").to_string())
                    on_input=move |t: String| update_agency(doc, &name_b, &format!("agency-short-{n}"), AgencyChange::Short(t.trim().to_string())) />
                <select data-testid=format!("agency-level-{n}") aria-label=move || prefs.tr("Cấp", "Level")
                    prop:value=move || level().code()
                    on:change=move |ev| {
                        if let Some(level) = AgencyLevel::from_code(&event_target_value(&ev)) {
                            let _ = update_agency(doc, &name_c, &format!("agency-level-{n}"), AgencyChange::Level(level));
                            doc.end_merge();
                        }
                    }>
                    {AgencyLevel::ALL.into_iter().map(|l| view! {
                        <option value=l.code() selected=move || l == level()>{move || l.name().into_string(prefs.lang.get())}</option>
                    }).collect_view()}
                </select>
                <b class="num money">{move || figures.format_amount(money())}</b>
            </div>
            <dl>
                {details}
                <dt>{move || prefs.tr("Theo dõi địa bàn", "Follows")}</dt>
                <dd>
                    <Field testid=format!("agency-follows-{n}") class="agency-follows" value=Signal::derive(move || r().map(|r| r.follows.join("; ")).unwrap_or_default())
                        label=Signal::derive(move || prefs.tr("Địa bàn phụ trách theo dõi, chỉ đạo (cách nhau bằng ;)", "Districts it follows and guides (separated by ;)").to_string())
                        placeholder=Signal::derive(move || prefs.tr("vd. huyện Na Rì", "e.g. Na Rì district").to_string())
                        on_input=move |t: String| update_agency(doc, &name_d, &format!("agency-follows-{n}"), AgencyChange::Follows(split_names(&t))) />
                </dd>
            </dl>
        </div>
    }
}

/// The reporting calendar: its entries, edited inline, and their dates in order.
#[component]
fn CalendarView() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let count = move || {
        doc.work.track();
        doc.with(|e| e.plan().reports.len())
    };
    let report = move |i: usize| {
        doc.work.track();
        doc.with(|e| e.plan().reports.get(i).cloned()).unwrap_or_default()
    };
    let add = move |_| {
        let (id, index) = doc.with(|e| (e.plan().next_id(), e.plan().reports.len()));
        let name = crate::locale::label(prefs.lang.get_untracked(), "Báo cáo tình hình thực hiện", "Progress report")
            .to_string();
        doc.apply(Edit::InsertReport { index, report: Report { id, name, ..Default::default() } });
        focus_later(format!("report-when-{}", index + 1));
    };
    let dates = Memo::new(move |_| {
        doc.work.track();
        doc.structure.track();
        doc.with(|e| {
            calendar(e.plan())
                .into_iter()
                .map(|c| {
                    let r = &e.plan().reports[c.report];
                    (c.year, c.month, r.name.clone(), r.from.clone(), r.to.clone())
                })
                .collect::<Vec<_>>()
        })
    });
    let field = move |i: usize,
                      col: &'static str,
                      get: fn(&Report) -> String,
                      set: fn(String) -> ReportChange,
                      label: (&'static str, &'static str)| {
        let n = i + 1;
        let key = format!("report-{col}-{n}");
        view! {
            <td><Field testid=format!("report-{col}-{n}") value=Signal::derive(move || get(&report(i))) class=format!("nav-r{col}") nav=(i as i32, format!("r{col}"))
                label=Signal::derive(move || prefs.tr(label.0, label.1).to_string())
                placeholder=Signal::derive(move || prefs.tr(label.0, label.1).to_string())
                on_input=move |t: String| update_report(doc, i, &key, set(t)) /></td>
        }
    };
    view! {
        <section class="calendar" data-testid="calendar">
            <h3>{move || prefs.tr("Chế độ báo cáo, sơ kết, tổng kết", "Reporting, reviews")}</h3>
            <table class="tasks-table" on:keydown=crate::ui::field::on_table_key>
                <thead><tr>
                    <th>{move || prefs.tr("Loại", "Kind")}</th><th>{move || prefs.tr("Nội dung", "What")}</th>
                    <th>{move || prefs.tr("Thời gian", "When")}</th><th>{move || prefs.tr("Cơ quan báo cáo", "Reported by")}</th>
                    <th>{move || prefs.tr("Gửi", "To")}</th><th></th>
                </tr></thead>
                <tbody>
                    <For each=move || { let n = count(); (0..n).map(move |i| (n, i)).collect::<Vec<_>>() } key=|k| *k let:k>
                        {
                            let i = k.1;
                            let n = i + 1;
                            view! {
                                <tr>
                                    <td><select data-testid=format!("report-kind-{n}") aria-label=move || prefs.tr("Loại", "Kind")
                                        on:change=move |ev| { if let Some(kind) = ReportKind::from_code(&event_target_value(&ev)) {
                                            let _ = update_report(doc, i, "report-kind", ReportChange::Kind(kind));
                                            doc.end_merge();
                                        } }>
                                        {move || { let current = report(i).kind; ReportKind::ALL.into_iter().map(|k| view! {
                                            <option value=k.code() selected=k == current>{k.name().into_string(prefs.lang.get())}</option>
                                        }).collect_view() }}
                                    </select></td>
                                    {field(i, "name", |r| r.name.clone(), ReportChange::Name, ("Nội dung báo cáo", "What is reported"))}
                                    {field(i, "when", |r| r.when.clone(), ReportChange::When, ("vd. tháng 6 và tháng 12 hằng năm", "e.g. June and December every year"))}
                                    {field(i, "from", |r| r.from.clone(), ReportChange::From, ("Cơ quan báo cáo", "Reported by"))}
                                    {field(i, "to", |r| r.to.clone(), ReportChange::To, ("Gửi đến", "To"))}
                                    <td class="actions"><button class="icon" data-testid=format!("report-remove-{n}") title=move || prefs.tr("Xóa", "Remove")
                                        on:click=move |_| { if let Some(id) = doc.with(|e| e.plan().reports.get(i).map(|r| r.id)) { doc.apply(Edit::RemoveReport { id }) } }>"×"</button></td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <button data-testid="report-add" on:click=add>{move || prefs.tr("+ Mục báo cáo", "+ Report")}</button>
            <ol class="calendar-dates" data-testid="calendar-dates" data-value=move || dates.with(|d| d.len().to_string())>
                {move || dates.get().into_iter().take(200).enumerate().map(|(k, (year, month, name, from, to))| {
                    let lang = prefs.lang.get();
                    let when = crate::text!("tháng {month}/{year}", "{month}/{year}").into_string(lang);
                    let who = match (from.trim().is_empty(), to.trim().is_empty()) {
                        (false, false) => format!(" — {from} → {to}"),
                        (false, true) => format!(" — {from}"),
                        (true, false) => format!(" → {to}"),
                        (true, true) => String::new(),
                    };
                    view! { <li data-testid=format!("calendar-date-{}", k + 1) data-value=format!("{year}-{month:02}")><b>{when}</b>" "{name}{who}</li> }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// Number of tasks, for the tab label.
pub fn count_label(doc: Document, prefs: Prefs) -> String {
    doc.work.track();
    let n = doc.with(|e| e.plan().tasks.len());
    if n == 0 { String::new() } else { format!(" ({})", format_decimal(Decimal::from(n as u64), prefs.lang.get())) }
}
