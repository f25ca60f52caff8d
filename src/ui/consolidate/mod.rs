//! Consolidation on screen: the dialog that adds up several drafts (saved ones, draft files,
//! workbooks read on the spot) with its matching step, and the panel of a consolidated draft
//! (who contributes what, a column per unit, bringing a unit up to date).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Totals;
use crate::engine::consolidate::{self, MatchedBy, Outcome, UnitDraft};
use crate::locale::{Text, format_decimal};
use crate::model::{Correction, Plan};
use crate::ui::drafts::Drafts;
use crate::ui::state::{Document, Notices, Prefs, Session, data_value};

mod panel;
mod print;
pub use panel::ConsolidationPanel;
pub use print::units_annex;

/// Whether the consolidation dialog is open, and the findings of the last consolidation (shown
/// in the panel of the draft it made).
#[derive(Clone, Copy)]
pub struct Consolidating {
    /// The dialog is on screen.
    pub open: RwSignal<bool>,
    /// What the last consolidation or update found, for the draft it made.
    pub findings: RwSignal<Vec<Diagnostic>>,
    /// The table with a column per unit is on screen.
    pub columns: RwSignal<bool>,
}

impl Consolidating {
    /// Provides the state at the app's root.
    pub fn provide() {
        provide_context(Consolidating {
            open: RwSignal::new(false),
            findings: RwSignal::new(Vec::new()),
            columns: RwSignal::new(false),
        });
    }

    /// The state provided at the root.
    pub fn get() -> Self {
        expect_context::<Consolidating>()
    }
}

/// A draft that can be consolidated: a saved draft (read when picked) or a file read on the spot.
#[derive(Clone)]
struct Candidate {
    /// A saved draft's id, or the file's name.
    origin: String,
    /// Its name (the unit's name).
    name: String,
    /// Grand total, in `unit`.
    total: rust_decimal::Decimal,
    /// Its money unit.
    unit: crate::model::MoneyUnit,
    /// A file's plan (saved drafts are read when needed).
    plan: Option<Plan>,
}

/// The panel of a consolidated draft, in its own lazily loaded module (the grid's state is
/// provided as a context by the budget view).
#[cfg_attr(kehoach_split, leptos::wasm_split::wasm_split(kehoach_consolidation, wasm_split_path = ::leptos::wasm_split,
    preload(#[doc(hidden)] preload_consolidation), fallible))]
pub fn consolidation_panel_lazy() -> Result<AnyView, crate::ui::lazy::LoadFailed> {
    let ctx = expect_context::<crate::ui::grid::GridCtx>();
    Ok(view! { <ConsolidationPanel ctx /> <panel::UnitColumnsView /> }.into_any())
}

/// A consolidation computed for the dialog, compared by identity.
#[derive(Clone)]
struct Shared(std::sync::Arc<Outcome>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The button that opens the dialog.
#[component]
pub fn ConsolidateButton() -> impl IntoView {
    let prefs = Prefs::get();
    let state = Consolidating::get();
    view! {
        <button data-testid="consolidate" title=move || prefs.tr("Cộng kế hoạch của nhiều đơn vị thành một bản tổng hợp", "Add up the plans of several units into one")
            on:click=move |_| state.open.set(true)>{move || prefs.tr("Tổng hợp…", "Consolidate…")}</button>
    }
}

/// The dialog, in its own lazily loaded module.
#[cfg_attr(kehoach_split, leptos::wasm_split::wasm_split(kehoach_consolidate, wasm_split_path = ::leptos::wasm_split,
    preload(#[doc(hidden)] preload_consolidate), fallible))]
pub fn consolidate_dialog_lazy() -> Result<AnyView, crate::ui::lazy::LoadFailed> {
    Ok(view! { <ConsolidateDialog /> }.into_any())
}

/// A unit's name: its draft's, unless the draft is only named after its title and the plan
/// states who issued it ("UBND huyện Ba Bể").
fn unit_name(draft: String, plan: &Plan) -> String {
    if crate::model::fold_name(&draft) == crate::model::fold_name(&plan.title) && !plan.issuer.trim().is_empty() {
        plan.issuer.trim().to_string()
    } else {
        draft
    }
}

/// Names made unique: a second "Huyện Ba Bể" is "Huyện Ba Bể (2)".
fn unique_names(names: &mut [String]) {
    let mut seen = std::collections::HashSet::new();
    for name in names.iter_mut() {
        let base = name.trim().to_string();
        let mut k = 1;
        let mut candidate = base.clone();
        while !seen.insert(crate::model::fold_name(&candidate)) {
            k += 1;
            candidate = format!("{base} ({k})");
        }
        *name = candidate;
    }
}

/// Reads a picked file into a unit's plan: a draft file at once, a workbook or Word document in
/// the file worker; `done` gets the plan or why it cannot be used as it is.
pub(crate) fn read_unit_file(file: web_sys::File, done: impl FnOnce(Result<(String, Plan), Text>) + 'static) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        let bytes = match crate::platform::files::read_bytes(&file).await {
            Ok(b) => b,
            Err(e) => {
                return done(Err(crate::text!(
                    "Không đọc được tệp {name}: {e}",
                    "The file {name} cannot be read: {e}"
                )));
            }
        };
        if bytes.len() as u64 > crate::ui::import::max_file_bytes(&name) {
            return done(Err(crate::text!("Tệp {name} quá lớn.", "The file {name} is too large.")));
        }
        if crate::io::json::is_draft_file(&name, &bytes) {
            let result = match crate::io::json::from_json_bytes(&bytes) {
                Ok(d) => {
                    let unit =
                        if d.name.trim().is_empty() { name.trim_end_matches(".json").to_string() } else { d.name };
                    Ok((unit, d.plan))
                }
                Err(errors) => {
                    let first = errors.first().map(|e| e.to_diagnostic().text).unwrap_or_default();
                    Err(Text::each(move |lang| format!("{name}: {}", first.get(lang))))
                }
            };
            return done(result);
        }
        let mut done = Some(done);
        crate::platform::worker::request(&bytes, "{}", move |event| {
            use crate::platform::worker::WorkerEvent;
            let result = match event {
                WorkerEvent::Reading | WorkerEvent::Bytes(_) => return,
                WorkerEvent::Reply(text) => match crate::io::import::remote::read_reply(&text) {
                    Ok((_, _, r)) => {
                        let doubts = r.diagnostics.iter().filter(|d| d.severity != Severity::Info).count();
                        if !r.can_confirm() || doubts > 0 {
                            Err(crate::text!(
                                "{name}: có {doubts} điểm cần xác nhận. Hãy mở tệp bằng «Nhập tệp…», trả lời, rồi chọn bản nháp đó để tổng hợp.",
                                "{name}: {doubts} points need an answer. Open the file with 'Import…', answer them, then pick that draft to consolidate."
                            ))
                        } else {
                            let unit = std::path::Path::new(&name)
                                .file_stem()
                                .map(|s| s.to_string_lossy().to_string())
                                .unwrap_or_else(|| name.clone());
                            Ok((unit, r.plan))
                        }
                    }
                    Err(_) => Err(crate::text!(
                        "{name}: không đọc được bảng kinh phí.",
                        "{name}: no budget table could be read."
                    )),
                },
                WorkerEvent::Failed(e) => Err(crate::text!("{name}: {e}", "{name}: {e}")),
                WorkerEvent::NoMemory(_) => {
                    Err(crate::text!("{name}: tệp quá lớn để đọc.", "{name}: too large to read."))
                }
            };
            if let Some(done) = done.take() {
                done(result);
            }
        });
    });
}

/// The consolidation dialog: pick the drafts, check how their lines were matched, create.
#[component]
pub fn ConsolidateDialog() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let session = Session::get();
    let notices = Notices::get();
    let drafts = Drafts::get();
    let state = Consolidating::get();
    drafts.save_now(doc, session);
    // Saved drafts in the order of the draft list, then files added here.
    let saved: Vec<Candidate> = drafts
        .list
        .get_untracked()
        .into_iter()
        .map(|m| Candidate { origin: m.id, name: m.name, total: m.grand_total, unit: m.unit, plan: None })
        .collect();
    let candidates = RwSignal::new_local(saved);
    let picked = RwSignal::new(Vec::<bool>::new());
    let corrections = RwSignal::new(Vec::<Correction>::new());
    let file_error = RwSignal::new(None::<Text>);
    let title = RwSignal::new(String::new());
    // Plans read once per dialog.
    // Plans read once per dialog (`None`: the stored draft cannot be read).
    let cache = StoredValue::new_local(std::collections::HashMap::<String, Option<Plan>>::new());
    let is_picked = move |k: usize| picked.with(|p| p.get(k).copied().unwrap_or(false));
    let units = move || -> Vec<UnitDraft> {
        let list = candidates.get();
        let mut units: Vec<UnitDraft> = list
            .iter()
            .enumerate()
            .filter(|(k, _)| is_picked(*k))
            .filter_map(|(_, c)| {
                let plan = match &c.plan {
                    Some(p) => p.clone(),
                    None => match cache.with_value(|m| m.get(&c.origin).cloned()) {
                        Some(p) => p?,
                        None => {
                            let p = drafts.load_plan(&c.origin);
                            cache.update_value(|m| {
                                m.insert(c.origin.clone(), p.clone());
                            });
                            p?
                        }
                    },
                };
                Some(UnitDraft { name: unit_name(c.name.clone(), &plan), origin: c.origin.clone(), plan })
            })
            .collect();
        let mut names: Vec<String> = units.iter().map(|u| u.name.clone()).collect();
        unique_names(&mut names);
        for (u, name) in units.iter_mut().zip(names) {
            u.name = name;
        }
        units
    };
    let default_title = move || {
        let n = picked.with(|p| p.iter().filter(|x| **x).count());
        crate::text!("Tổng hợp kế hoạch của {n} đơn vị", "Consolidated plan of {n} units").into_string(prefs.lang.get())
    };
    let outcome = Memo::new(move |_| {
        let units = units();
        if units.is_empty() {
            return None;
        }
        let title = title.get();
        let title = if title.trim().is_empty() { default_title() } else { title };
        Some(Shared(std::sync::Arc::new(consolidate::consolidate(&units, &corrections.get(), &title))))
    });
    let close = move || {
        state.open.set(false);
    };
    // Picked drafts that cannot be read, and a consolidation beyond the plan's limits: said, and
    // nothing is created until they are dealt with.
    let unreadable = move || -> Vec<String> {
        outcome.track();
        let list = candidates.get();
        list.iter()
            .enumerate()
            .filter(|(k, c)| {
                is_picked(*k) && c.plan.is_none() && cache.with_value(|m| matches!(m.get(&c.origin), Some(None)))
            })
            .map(|(_, c)| c.name.clone())
            .collect()
    };
    let too_large = move || -> Option<Text> {
        let Shared(out) = outcome.get()?;
        crate::model::limits::check(&out.plan).err().map(|e| crate::locale::Message::to_text(&e))
    };
    let blocked = move || outcome.with(Option::is_none) || !unreadable().is_empty() || too_large().is_some();
    let confirm = move |_| {
        if blocked() {
            return;
        }
        let Some(Shared(out)) = outcome.get_untracked() else { return };
        let name = out.plan.title.clone();
        state.findings.set(out.diagnostics.clone());
        drafts.create_with(
            doc,
            session,
            name,
            crate::engine::Editor::with_totals(out.plan.clone(), out.totals.clone()),
        );
        crate::ui::state::Prefs::get().tab.set(crate::ui::state::Tab::Budget);
        let n = out.plan.consolidation.as_ref().map(|c| c.units.len()).unwrap_or(0);
        notices.push(
            Severity::Info,
            crate::text!("Đã tạo bản tổng hợp của {n} đơn vị.", "Consolidated draft of {n} units created."),
        );
        close();
    };
    let add_file = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let files: Vec<web_sys::File> =
            input.files().map(|f| (0..f.length()).filter_map(|i| f.get(i)).collect()).unwrap_or_default();
        input.set_value("");
        for file in files {
            let origin = file.name();
            read_unit_file(file, move |result| match result {
                Ok((name, plan)) => {
                    let totals = Totals::compute(&plan);
                    let c = Candidate {
                        origin: origin.clone(),
                        name,
                        total: totals.grand(),
                        unit: plan.unit,
                        plan: Some(plan),
                    };
                    candidates.update(|l| l.push(c));
                    let k = candidates.with_untracked(Vec::len) - 1;
                    picked.update(|p| {
                        p.resize(k + 1, false);
                        p[k] = true;
                    });
                    file_error.set(None);
                }
                Err(text) => file_error.set(Some(text)),
            });
        }
    };
    let listed = move || candidates.get().into_iter().enumerate().collect::<Vec<_>>();
    let apart = move |unit: String, key: String| {
        corrections.update(|c| {
            c.retain(|x| !matches!(x, Correction::Join { unit: u, key: k, .. } if *u == unit && *k == key));
            c.push(Correction::Apart { unit, key });
        });
    };
    view! {
        <div class="overlay">
            <section class="consolidate-dialog panel" data-testid="consolidate-dialog" role="dialog">
                <h3>{move || prefs.tr("Tổng hợp kế hoạch của các đơn vị", "Consolidate the plans of several units")}</h3>
                <p class="muted">{move || prefs.tr(
                    "Chọn các bản nháp (mỗi bản là kế hoạch của một đơn vị). Dòng kinh phí được ghép theo mã rồi theo tên; kiểm tra bảng ghép bên dưới trước khi tạo.",
                    "Pick the drafts (each one unit's plan). Budget lines are matched by code, then by name; check the matching below before creating.")}</p>
                <ul class="consolidate-picks">
                    <For each=listed key=|(k, c)| (*k, c.origin.clone()) let:item>
                        {
                            let (k, c) = item;
                            let unit = c.unit;
                            view! {
                                <li>
                                    <label>
                                        <input type="checkbox" data-testid=format!("consolidate-pick-{}", k + 1) data-draft-id=c.origin.clone()
                                            prop:checked=move || is_picked(k)
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                picked.update(|p| { if p.len() <= k { p.resize(k + 1, false); } p[k] = on; });
                                            } />
                                        <span class="name">{c.name.clone()}</span>
                                        <span class="muted" data-testid=format!("consolidate-pick-total-{}", k + 1) data-value=data_value(c.total)>
                                            {move || format!(" {} {}", format_decimal(c.total, prefs.lang.get()), unit.name().into_string(prefs.lang.get()))}
                                        </span>
                                        {c.plan.is_some().then(|| view! { <span class="muted">{move || prefs.tr(" (tệp)", " (file)")}</span> })}
                                    </label>
                                </li>
                            }
                        }
                    </For>
                </ul>
                <button class="link" data-testid="consolidate-pick-all"
                    on:click=move |_| { let n = candidates.with_untracked(Vec::len); picked.set(vec![true; n]); }>
                    {move || prefs.tr("Chọn tất cả", "Pick all")}
                </button>
                <label class="file-button">
                    {move || prefs.tr("+ Thêm tệp (bản nháp .json, Excel, Word)…", "+ Add files (.json drafts, Excel, Word)…")}
                    <input type="file" multiple=true data-testid="consolidate-file" accept=".json,.xlsx,.xlsm,.xls,.xlsb,.ods,.docx,application/json" on:change=add_file />
                </label>
                {move || file_error.get().map(|t| view! { <p class="notice warning" data-testid="consolidate-file-error">{prefs.say(&t)}</p> })}
                <label class="field">
                    {move || prefs.tr("Tên bản tổng hợp", "Name of the consolidation")}
                    <input data-testid="consolidate-title" prop:placeholder=default_title prop:value=move || title.get()
                        on:input=move |ev| title.set(event_target_value(&ev)) />
                </label>
                {move || outcome.get().map(|Shared(out)| view! { <Matching out apart corrections /> })}
                <div class="actions">
                    {move || {
                    let names = unreadable();
                    (!names.is_empty()).then(|| {
                        let names = names.join(", ");
                        view! { <p class="notice error" data-testid="consolidate-unreadable">{crate::text!(
                            "Không đọc được bản nháp đã lưu: {names}. Bỏ chọn để tổng hợp các bản còn lại.",
                            "These saved drafts cannot be read: {names}. Unpick them to consolidate the others.").into_string(prefs.lang.get())}</p> }
                    })
                }}
                {move || too_large().map(|t| view! { <p class="notice error" data-testid="consolidate-too-large">{prefs.say(&t)}</p> })}
                <button class="primary" data-testid="consolidate-confirm" disabled=blocked on:click=confirm>
                        {move || prefs.tr("Tạo bản tổng hợp", "Create the consolidation")}
                    </button>
                    <button data-testid="consolidate-cancel" on:click=move |_| close()>{move || prefs.tr("Hủy", "Cancel")}</button>
                </div>
            </section>
        </div>
    }
}

/// A unit's line in the matching step.
#[derive(Clone)]
struct Member {
    /// The unit's name.
    unit: String,
    /// The unit line's key.
    key: String,
    /// The unit line's name as written.
    name: String,
    /// How it was matched.
    how: MatchedBy,
    /// The unit's index.
    index: usize,
}

/// The matching step: every consolidated line with the unit lines in it, and the findings. In a
/// line of more than three units, those that matched plainly (code and name, or name) are only
/// counted until the planner expands it; the others show each unit's line, with "keep apart". "Put with…" lists the other lines
/// for the row asked only.
#[component]
fn Matching(
    /// The consolidation as it would be created.
    out: std::sync::Arc<Outcome>,
    /// Keeps a unit line apart (unit, key).
    apart: impl Fn(String, String) + Copy + Send + Sync + 'static,
    /// The planner's corrections.
    corrections: RwSignal<Vec<Correction>>,
) -> impl IntoView {
    let prefs = Prefs::get();
    let plan = &out.plan;
    let totals = &out.totals;
    let units: Vec<String> =
        plan.consolidation.as_ref().map(|c| c.units.iter().map(|u| u.name.clone()).collect()).unwrap_or_default();
    let grand = totals.grand();
    let unit = plan.unit;
    let expanded = RwSignal::new(std::collections::HashSet::<usize>::new());
    let joining = RwSignal::new(None::<usize>);
    // The unit lines in each consolidated line, in the plan's order.
    let mut row_of: std::collections::HashMap<crate::model::ItemId, usize> = Default::default();
    for (r, l) in plan.lines.iter().enumerate() {
        row_of.insert(l.id, r);
    }
    let mut members: Vec<Vec<Member>> = vec![Vec::new(); plan.lines.len()];
    for m in &out.matches {
        if let Some(&r) = row_of.get(&m.line) {
            let u = units.get(m.unit).cloned().unwrap_or_default();
            members[r].push(Member { unit: u, key: m.key.clone(), name: m.name.clone(), how: m.how, index: m.unit });
        }
    }
    let members = std::sync::Arc::new(members);
    let names: std::sync::Arc<Vec<String>> = std::sync::Arc::new(plan.lines.iter().map(|l| l.name.clone()).collect());
    let rows: Vec<AnyView> = plan
        .lines
        .iter()
        .enumerate()
        .map(|(r, line)| {
            let list = members[r].clone();
            // Beyond three units, the lines that matched plainly (by code and name, or by name)
            // are counted, not listed, until the planner expands the row.
            let plain = |how: MatchedBy| matches!(how, MatchedBy::CodeAndName | MatchedBy::Name | MatchedBy::New);
            let folded = if list.len() > 3 { list.iter().filter(|m| plain(m.how)).count() } else { 0 };
            let shown_list = list.clone();
            let member_views = move || {
                let all = expanded.with(|e| e.contains(&r)) || folded == 0;
                shown_list
                    .iter()
                    .filter(|m| all || !plain(m.how))
                    .map(|Member { unit: uname, key, name, how, index: k }| {
                        let how_text = match how {
                            MatchedBy::New => Text::fixed("", ""),
                            MatchedBy::CodeAndName => Text::fixed("mã và tên", "code and name"),
                            MatchedBy::Name => Text::fixed("tên", "name"),
                            MatchedBy::Code => Text::fixed("chỉ theo mã — kiểm tra", "code only — check"),
                            MatchedBy::Corrected => Text::fixed("đã chỉnh", "corrected"),
                        };
                        let can_split = shown_list.len() > 1 && *how != MatchedBy::New;
                        let (u2, k2) = (uname.clone(), key.clone());
                        view! {
                            <span class="member" class:doubt=*how == MatchedBy::Code>
                                <b>{uname.clone()}</b>": "{name.clone()}
                                {(!how_text.is_empty()).then(|| view! { <i class="muted">" ("{prefs.say(&how_text)}")"</i> })}
                                {can_split.then(|| view! {
                                    <button class="link" data-testid=format!("consolidate-apart-{}-{}", r + 1, k + 1)
                                        on:click=move |_| apart(u2.clone(), k2.clone())>{prefs.tr("Tách", "Keep apart")}</button>
                                })}
                            </span>
                        }
                    })
                    .collect::<Vec<_>>()
            };
            let more = (folded > 0).then(|| view! {
                <Show when=move || !expanded.with(|e| e.contains(&r))>
                    <button class="link" data-testid=format!("consolidate-expand-{}", r + 1)
                        on:click=move |_| expanded.update(|e| { e.insert(r); })>
                        {move || crate::text!("{folded} đơn vị khớp tên…", "{folded} units match by name…").into_string(prefs.lang.get())}
                    </button>
                </Show>
            });
            let (members, names) = (members.clone(), names.clone());
            let join = move |ev: web_sys::Event| {
                let Ok(target) = event_target_value(&ev).parse::<usize>() else { return };
                let Some((with_unit, with_key)) = members.get(target).and_then(|m| m.first()).map(|m| (m.unit.clone(), m.key.clone())) else { return };
                let moving: Vec<(String, String)> = members.get(r).map(|l| l.iter().map(|m| (m.unit.clone(), m.key.clone())).collect()).unwrap_or_default();
                corrections.update(|c| {
                    for (unit, key) in &moving {
                        c.retain(|x| match x {
                            Correction::Apart { unit: u, key: k } | Correction::Join { unit: u, key: k, .. } => !(u == unit && k == key),
                        });
                        c.push(Correction::Join { unit: unit.clone(), key: key.clone(), with_unit: with_unit.clone(), with_key: with_key.clone() });
                    }
                });
                joining.set(None);
            };
            let join_select = move || {
                (joining.get() == Some(r)).then(|| {
                    let options = names
                        .iter()
                        .enumerate()
                        .filter(|(t, _)| *t != r)
                        .map(|(t, n)| view! { <option value=t.to_string()>{n.clone()}</option> })
                        .collect::<Vec<_>>();
                    let join = join.clone();
                    view! {
                        <select data-testid="consolidate-join-select" on:change=join>
                            <option value="">{prefs.tr("— chọn dòng —", "— pick a line —")}</option>
                            {options}
                        </select>
                    }
                })
            };
            let total = totals.line_total(r);
            let has_members = !list.is_empty();
            view! {
                <tr data-testid=format!("consolidate-line-{}", r + 1) data-value=data_value(total)>
                    <td style=format!("padding-left:{}em", 0.3 + line.depth as f32)>{line.name.clone()}</td>
                    <td class="num">{move || format_decimal(total, prefs.lang.get())}</td>
                    <td class="members">{member_views}{more}</td>
                    <td>
                        {has_members.then(|| view! {
                            <button class="link" data-testid=format!("consolidate-join-{}", r + 1)
                                on:click=move |_| joining.set(Some(r))>{move || prefs.tr("Gộp vào…", "Put with…")}</button>
                        })}
                        {join_select}
                    </td>
                </tr>
            }
            .into_any()
        })
        .collect();
    let findings = out.diagnostics.clone();
    view! {
        <p data-testid="consolidate-total" data-value=data_value(grand)>
            <b>{move || prefs.tr("Tổng cộng: ", "Grand total: ")}{move || format!("{} {}", format_decimal(grand, prefs.lang.get()), unit.name().into_string(prefs.lang.get()))}</b>
        </p>
        <div class="consolidate-matching">
            <table data-testid="consolidate-matches">
                <thead><tr>
                    <th>{move || prefs.tr("Dòng tổng hợp", "Consolidated line")}</th>
                    <th>{move || prefs.tr("Tổng", "Total")}</th>
                    <th>{move || prefs.tr("Dòng của các đơn vị", "The units' lines")}</th>
                    <th></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Show when=move || !corrections.with(Vec::is_empty)>
            <button class="link" data-testid="consolidate-reset" on:click=move |_| corrections.set(Vec::new())>
                {move || prefs.tr("Bỏ mọi chỉnh sửa ghép dòng", "Undo every matching correction")}
            </button>
        </Show>
        <Findings list=findings />
    }
}

/// Findings of a consolidation: severity and text, no place to go to (the plan is not open yet).
#[component]
pub fn Findings(
    /// The findings.
    list: Vec<Diagnostic>,
) -> impl IntoView {
    let prefs = Prefs::get();
    view! {
        <ul class="diagnostics consolidate-findings" data-testid="consolidate-findings">
            {list.into_iter().map(|d| {
                let text = d.text.clone();
                view! {
                    <li data-testid="consolidate-finding" data-severity=d.severity.code() data-code=d.code.to_string()
                        class=format!("diagnostic {}", d.severity.code())>{move || prefs.say(&text)}</li>
                }
            }).collect::<Vec<_>>()}
        </ul>
    }
}
