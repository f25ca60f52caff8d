//! The plan's own fields (title, issuing body, unit, rounding of splits) and the details of the
//! line under the cursor (code, lead agency, notes).

use leptos::prelude::*;

use crate::engine::ops::convert_unit;
use crate::engine::{Edit, LineMeta, PlanMeta};
use crate::locale::Text;
use crate::model::MoneyUnit;
use crate::ui::field::Field;
use crate::ui::grid::GridCtx;
use crate::ui::state::{Document, Prefs};

fn set_meta(doc: Document, key: &str, f: impl FnOnce(&mut PlanMeta)) -> Result<(), Text> {
    let mut meta = doc.with(|e| PlanMeta::of(e.plan()));
    f(&mut meta);
    doc.apply_merging(Edit::SetMeta(Box::new(meta)), key)
}

/// Title, issuing body, unit and rounding.
#[component]
pub fn PlanPanel() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let meta = move || {
        doc.meta.track();
        doc.structure.track();
        doc.funding.track();
        doc.with(|e| PlanMeta::of(e.plan()))
    };
    let units = move || {
        let lang = prefs.lang.get();
        let current = meta().unit;
        MoneyUnit::ALL
            .into_iter()
            .map(|u| view! { <option value=u.code() selected=u == current>{u.name().into_string(lang)}</option> })
            .collect_view()
    };
    // Splits round to a whole smallest unit: the đồng, the nghìn, the triệu … of the plan's unit.
    let precisions = move || {
        let lang = prefs.lang.get();
        let m = meta();
        MoneyUnit::ALL
            .into_iter()
            .filter(|u| u.exponent() <= m.unit.exponent())
            .map(|u| {
                let p = m.unit.exponent() - u.exponent();
                let label = u.name().into_string(lang);
                view! { <option value=p.to_string() selected=p == m.precision>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <details class="panel plan-panel">
            <summary><h3>{move || prefs.tr("Thông tin kế hoạch", "Plan details")}</h3></summary>
            <div class="row">
                <label>{move || prefs.tr("Tên kế hoạch", "Title")}</label>
                <Field testid="plan-title" class="name" label=Signal::derive(move || prefs.tr("Tên kế hoạch", "Title").to_string()) value=Signal::derive(move || meta().title)
                    on_input=move |t: String| set_meta(doc, "plan-title", |m| m.title = t) />
            </div>
            <div class="row">
                <label>{move || prefs.tr("Cơ quan ban hành", "Issued by")}</label>
                <Field testid="plan-issuer" class="name" label=Signal::derive(move || prefs.tr("Cơ quan ban hành", "Issued by").to_string()) value=Signal::derive(move || meta().issuer)
                    on_input=move |t: String| set_meta(doc, "plan-issuer", |m| m.issuer = t) />
            </div>
            <div class="row">
                <label>{move || prefs.tr("Đơn vị lưu số liệu", "Amounts kept in")}</label>
                <select data-testid="plan-unit" on:change=move |ev| {
                    if let Some(unit) = MoneyUnit::from_code(&event_target_value(&ev))
                        && unit != doc.with(|e| e.plan().unit) {
                            let edit = doc.with(|e| convert_unit(e.plan(), unit));
                            prefs.display_unit.set(None);
                            doc.apply(edit);
                        }
                } prop:value=move || meta().unit.code()>{units}</select>
                <label>{move || prefs.tr("Chia nguồn làm tròn đến", "Splits rounded to the")}</label>
                <select data-testid="plan-precision" on:change=move |ev| {
                    if let Ok(p) = event_target_value(&ev).parse::<u32>() {
                        let _ = set_meta(doc, "plan-precision", |m| m.precision = p);
                        doc.end_merge();
                    }
                } prop:value=move || meta().precision.to_string()>{precisions}</select>
            </div>
        </details>
    }
}

/// Code, lead agency and notes of the line under the cursor.
#[component]
pub fn LinePanel(ctx: GridCtx) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let line = Memo::new(move |_| {
        doc.structure.track();
        ctx.line_at(ctx.sel.get().active)
    });
    let meta = move || {
        doc.meta.track();
        line.get().and_then(|i| {
            doc.track_row(i);
            doc.with(|e| e.plan().lines.get(i).map(|l| (l.id, LineMeta::from_line(l))))
        })
    };
    let set = move |key: &'static str, f: fn(&mut LineMeta, String)| {
        move |text: String| {
            if let Some((id, mut m)) = meta() {
                f(&mut m, text);
                return doc.apply_merging(Edit::SetLineMeta { line: id, meta: m }, key);
            }
            Ok(())
        }
    };
    view! {
        <Show when=move || line.get().is_some()>
            <section class="panel line-panel" data-testid="line-panel">
                <h3>{move || {
                    let name = meta().map(|(_, m)| m.name).unwrap_or_default();
                    format!("{}: {}", prefs.tr("Dòng", "Line"), crate::text::clip(&name, 50))
                }}</h3>
                <div class="row">
                    <label>{move || prefs.tr("Mã / STT", "Code")}</label>
                    <Field testid="line-code" class="code" label=Signal::derive(move || prefs.tr("Mã / STT", "Code").to_string()) value=Signal::derive(move || meta().map(|(_, m)| m.code).unwrap_or_default())
                        on_input=set("line-code", |m, t| m.code = t) />
                    <label>{move || prefs.tr("Chủ trì", "Lead agency")}</label>
                    <Field testid="line-agency" class="name" label=Signal::derive(move || prefs.tr("Chủ trì", "Lead agency").to_string()) value=Signal::derive(move || meta().map(|(_, m)| m.agency).unwrap_or_default())
                        on_input=set("line-agency", |m, t| m.agency = t) />
                </div>
                <div class="row">
                    <label>{move || prefs.tr("Ghi chú", "Notes")}</label>
                    <Field testid="line-notes" class="name" label=Signal::derive(move || prefs.tr("Ghi chú", "Notes").to_string()) value=Signal::derive(move || meta().map(|(_, m)| m.notes).unwrap_or_default())
                        on_input=set("line-notes", |m, t| m.notes = t) />
                </div>
            </section>
        </Show>
    }
}
