//! Comparing the open draft with another saved draft: differences per total and per cell.

use leptos::prelude::*;

use crate::engine::compare::{Difference, Subject, TaskField, compare, compare_tasks};
use crate::locale::Text;
use crate::ui::drafts::Drafts;
use crate::ui::state::{Document, Figures, Prefs, Session, Tab, data_value};

/// Most differences listed: two drafts at the limits differ in millions of cells, and a page of
/// that many rows would freeze the browser.
const MAX_SHOWN_DIFFERENCES: usize = 2000;

/// Shows the comparison of the open draft with draft `id`.
pub fn compare_with(prefs: Prefs, session: Session, id: String) {
    session.compare_with.set(Some(id));
    prefs.tab.set(Tab::Compare);
}

/// The comparison view.
#[component]
pub fn CompareView() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let session = Session::get();
    let figures = Figures::get();
    let drafts = Drafts::get();
    let others = move || {
        let open = session.draft_id.get();
        drafts.list.get().into_iter().filter(|m| m.id != open).collect::<Vec<_>>()
    };
    // The open draft changed to the one it was compared with: compare it with the one just left.
    let previous = StoredValue::new(session.draft_id.get_untracked());
    Effect::new(move |_| {
        let open = session.draft_id.get();
        let left = previous.get_value();
        if session.compare_with.get_untracked().as_deref() == Some(open.as_str()) {
            session.compare_with.set(Some(left).filter(|l| !l.is_empty() && *l != open));
        }
        previous.set_value(open);
    });
    let diffs = Memo::new(move |_| {
        session.draft_id.track();
        drafts.list.track();
        doc.changed.track();
        doc.structure.track();
        doc.totals.track();
        doc.work.track();
        let id = session.compare_with.get()?;
        let other = drafts.load_plan(&id)?;
        Some(doc.with(|e| (compare(e.plan(), &other), compare_tasks(e.plan(), &other))))
    });
    let field_name = move |f: TaskField| -> &'static str {
        let lang = prefs.lang.get();
        match f {
            TaskField::Added => crate::locale::label(lang, "chỉ có ở bản này", "only in this draft"),
            TaskField::Removed => crate::locale::label(lang, "chỉ có ở bản kia", "only in the other draft"),
            TaskField::Group => crate::locale::label(lang, "nhóm", "group"),
            TaskField::Name => crate::locale::label(lang, "nội dung", "text"),
            TaskField::Lead => crate::locale::label(lang, "chủ trì", "lead agency"),
            TaskField::Partners => crate::locale::label(lang, "phối hợp", "coordinating"),
            TaskField::Time => crate::locale::label(lang, "thời gian", "time"),
            TaskField::Places => crate::locale::label(lang, "địa bàn", "places"),
            TaskField::Money => crate::locale::label(lang, "kinh phí", "money"),
            TaskField::Targets => crate::locale::label(lang, "chỉ tiêu", "targets"),
        }
    };
    let other_name = move || {
        let id = session.compare_with.get()?;
        drafts.list.get().into_iter().find(|m| m.id == id).map(|m| m.name)
    };
    let label = move |d: &Difference| -> (String, &'static str) {
        let lang = prefs.lang.get();
        match &d.subject {
            Subject::Grand => (crate::locale::label(lang, "Tổng số", "Grand total").to_string(), "grand"),
            Subject::PhaseTotal(p) => (format!("{} {p}", crate::locale::label(lang, "Cộng", "Total")), "phase"),
            Subject::YearTotal(y) => (format!("{} {y}", crate::locale::label(lang, "Tổng năm", "Total")), "year"),
            Subject::LineTotal(l) => (format!("{} «{l}»", crate::locale::label(lang, "Tổng dòng", "Total of")), "line"),
            Subject::Source(s) => (format!("{} «{s}»", crate::locale::label(lang, "Nguồn", "Source")), "source"),
            Subject::AgencyMoney(a) => {
                (format!("{} «{a}»", crate::locale::label(lang, "Kinh phí phụ trách", "Money led by")), "agency")
            }
            Subject::Cell(l, y) => (format!("«{l}», {y}"), "cell"),
        }
    };
    view! {
        <section class="compare panel" data-testid="compare">
            <div class="row">
                <label>{move || prefs.tr("So sánh bản đang mở với", "Compare the open draft with")}</label>
                <select data-testid="compare-select" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    session.compare_with.set(if v.is_empty() { None } else { Some(v) });
                }>
                    <option value="">{move || prefs.tr("— chọn bản nháp —", "— pick a draft —")}</option>
                    {move || others().into_iter().map(|m| {
                        let selected = session.compare_with.get().as_deref() == Some(m.id.as_str());
                        view! { <option value=m.id.clone() selected=selected>{m.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            {move || match diffs.get() {
                None => view! { <p class="muted">{prefs.tr("Chọn một bản nháp khác để xem khác biệt.", "Pick another draft to see the differences.")}</p> }.into_any(),
                Some((list, tasks)) if list.is_empty() && tasks.is_empty() => view! { <p data-testid="compare-same">{prefs.tr("Hai bản nháp giống hệt nhau.", "The two drafts are identical.")}</p> }.into_any(),
                Some((list, tasks)) => {
                    let task_list = (!tasks.is_empty()).then(|| view! {
                        <h4>{prefs.tr("Nhiệm vụ khác nhau", "Tasks that differ")}</h4>
                        <ul class="compare-tasks">
                            {tasks.into_iter().take(MAX_SHOWN_DIFFERENCES).map(|d| {
                                let detail = match d.field {
                                    TaskField::Added | TaskField::Removed => String::new(),
                                    TaskField::Money => {
                                        let v = |s: &str| s.parse::<rust_decimal::Decimal>().map(|v| figures.format_amount(v)).unwrap_or_default();
                                        format!(": {} ↔ {}", v(&d.a), v(&d.b))
                                    }
                                    _ => format!(": «{}» ↔ «{}»", d.a, d.b),
                                };
                                view! { <li data-testid="compare-task-diff" data-field=d.field.code()>"«"{d.task.clone()}"» — "{field_name(d.field)}{detail}</li> }
                            }).collect_view()}
                        </ul>
                    });
                    let other = other_name().unwrap_or_default();
                    let count = list.len();
                    let grand = list.iter().find(|d| d.subject == Subject::Grand).map(Difference::delta).unwrap_or_default();
                    view! {
                        <p class="muted">{crate::text!("{count} khác biệt", "{count} differences").into_string(prefs.lang.get())}</p>
                        <p data-testid="compare-diff-grand" data-value=data_value(grand)>{
                            let amount = signed(figures, grand);
                            match grand.cmp(&rust_decimal::Decimal::ZERO) {
                                std::cmp::Ordering::Greater => crate::text!("Tổng số: {amount} — bản này nhiều hơn «{other}».", "Grand total: {amount}: this draft has more than '{other}'."),
                                std::cmp::Ordering::Less => crate::text!("Tổng số: {amount} — bản này ít hơn «{other}».", "Grand total: {amount}: this draft has less than '{other}'."),
                                std::cmp::Ordering::Equal => Text::fixed("Tổng số bằng nhau; các khác biệt nằm ở từng ô hoặc nguồn.", "The grand totals are equal; the differences are in cells or sources."),
                            }
                            .into_string(prefs.lang.get())
                        }</p>
                        <table class="compare-table">
                            <thead><tr>
                                <th></th>
                                <th class="num">{session.draft_name.get()}</th>
                                <th class="num">{other}</th>
                                <th class="num">{prefs.tr("Chênh lệch (bản này − bản kia)", "Difference (this − other)")}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().take(MAX_SHOWN_DIFFERENCES).map(|d| {
                                    let (text, kind) = label(&d);
                                    let fmt = move |v: Option<rust_decimal::Decimal>| v.map(|v| figures.format_amount(v)).unwrap_or_else(|| "—".into());
                                    let delta = d.delta();
                                    view! {
                                        <tr data-testid="compare-diff" data-kind=kind data-a=d.a.map(data_value).unwrap_or_default()
                                            data-b=d.b.map(data_value).unwrap_or_default() data-delta=data_value(delta) class=kind>
                                            <td>{text}</td>
                                            <td class="num">{fmt(d.a)}</td>
                                            <td class="num">{fmt(d.b)}</td>
                                            <td class="num" class:neg=delta.is_sign_negative() && !delta.is_zero()>{signed(figures, delta)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        {task_list}
                    }.into_any()
                }
            }}
        </section>
    }
}

/// An amount with its sign, "+100" or "−100" (a typographic minus).
fn signed(figures: Figures, v: rust_decimal::Decimal) -> String {
    let text = figures.format_amount(v.abs());
    if v.is_zero() {
        text
    } else if v.is_sign_negative() {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}

/// The comparison view, split into its own lazily loaded module (fetched with the page's other
/// lazy parts once it is up, see `ui::lazy::preload`).
#[cfg_attr(kehoach_split, leptos::wasm_split::wasm_split(kehoach_compare, wasm_split_path = ::leptos::wasm_split,
    preload(#[doc(hidden)] preload_compare), fallible))]
pub fn compare_view_lazy() -> Result<AnyView, crate::ui::lazy::LoadFailed> {
    Ok(view! { <CompareView /> }.into_any())
}
