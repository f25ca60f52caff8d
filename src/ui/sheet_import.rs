//! The spreadsheet import preview: the workbook is read and understood in a worker (the page
//! stays responsive on large sheets), then the planner sees what was recognised, corrects it
//! (sheet, unit, orientation, header row, columns that are not money), checks the diagnostics,
//! and opens the result as a new draft. Nothing changes before that.

use std::time::Duration;

use leptos::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::engine::Totals;
use crate::io::import::remote::{Reply, read_reply};
use crate::io::import::{Axis, ExcludeReason, FieldUse, ImportOptions, ImportResult, Orientation, SheetInfo};
use crate::locale::{Text, format_decimal};
use crate::model::{MoneyUnit, ShareRule};
use crate::platform::worker::{self, WorkerEvent};
use crate::ui::diagnostics::DiagnosticList;
use crate::ui::drafts::Drafts;
use crate::ui::import::{Import, Preview};
use crate::ui::state::{Document, Prefs, Session, data_value};
use rust_decimal::Decimal;

/// Longest an import may take before the worker is stopped.
pub const TIMEOUT: Duration = Duration::from_secs(90);

/// A workbook understood, with its facts.
#[derive(Clone)]
pub struct Understood {
    /// "xlsx", "xls" …
    pub format: String,
    /// Its worksheets.
    pub sheets: Vec<SheetInfo>,
    /// The result for the current options.
    pub result: ImportResult,
}

/// The state of one spreadsheet import (all handles, `Copy`).
#[derive(Clone, Copy)]
pub struct SheetPreview {
    file: StoredValue<String>,
    bytes: StoredValue<std::sync::Arc<Vec<u8>>>,
    /// The planner's corrections.
    pub options: RwSignal<ImportOptions>,
    /// The worker is at it; the value counts seconds.
    busy: RwSignal<Option<u32>>,
    /// The last outcome.
    outcome: RwSignal<Option<Result<Understood, Vec<Diagnostic>>>, LocalStorage>,
    run_id: StoredValue<u64>,
}

/// Starts importing a spreadsheet's bytes.
pub fn start(import: Import, name: String, bytes: Vec<u8>) {
    let preview = SheetPreview {
        file: StoredValue::new(name),
        bytes: StoredValue::new(std::sync::Arc::new(bytes)),
        options: RwSignal::new(ImportOptions::default()),
        busy: RwSignal::new(None),
        outcome: RwSignal::new_local(None),
        run_id: StoredValue::new(0),
    };
    import.preview.set(Some(Preview::Sheet(preview)));
    preview.run();
}

impl SheetPreview {
    /// Re-reads the workbook with the current options.
    pub fn run(self) {
        let run = self.run_id.get_value() + 1;
        self.run_id.set_value(run);
        // A reading with other options, or of another file, is not waited for.
        crate::platform::worker::stop_imports();
        self.busy.set(Some(0));
        let options = serde_json::to_string(&self.options.get_untracked()).unwrap_or_else(|_| "{}".into());
        let bytes = self.bytes.get_value();
        let this = self;
        // Elapsed seconds while the worker reads; a stuck worker is stopped.
        let tick = move || {
            let seconds = this.busy.get_untracked();
            if let Some(s) = seconds
                && this.run_id.get_value() == run
            {
                this.busy.set(Some(s + 1));
            }
        };
        let handle = set_interval_with_handle(tick, Duration::from_secs(1)).ok();
        set_timeout(
            move || {
                if this.run_id.get_value() == run && this.busy.get_untracked().is_some() {
                    worker::reset();
                }
            },
            TIMEOUT,
        );
        let file = self.file.get_value();
        worker::request(&bytes, &options, move |event| {
            if this.run_id.try_get_value() != Some(run) {
                return;
            }
            let outcome = match event {
                WorkerEvent::Reading | WorkerEvent::Bytes(_) => return,
                WorkerEvent::Reply(text) => match read_reply(&text) {
                    Ok((format, sheets, result)) => Ok(Understood { format, sheets, result }),
                    Err(Reply::Refused { code, text }) => Err(vec![refusal(&code, &file, text)]),
                    Err(_) => Err(vec![refusal(
                        "worker_reply",
                        &file,
                        crate::locale::Text::fixed("Lỗi đọc kết quả.", "Unreadable result."),
                    )]),
                },
                WorkerEvent::NoMemory(asked) => {
                    let (vi, en) = match asked {
                        0 => ("hơn 2 GB một lần".to_string(), "more than 2 GB at once".to_string()),
                        n => crate::text::byte_size(n),
                    };
                    Err(vec![refusal(
                        "out_of_memory",
                        &file,
                        crate::text!(
                            "Đọc tệp này cần nhiều bộ nhớ hơn trình duyệt cho phép (trình đọc đòi {vi}); tệp quá lớn hoặc có cấu trúc bất thường. Hãy lưu lại bảng cần nhập thành một tệp nhỏ hơn. Bản nháp đang mở không bị ảnh hưởng.",
                            "Reading this file needs more memory than the browser gives (the reader asked for {en}); the file is too large or oddly built. Save the table to import as a smaller file. The open draft is not affected."
                        ),
                    )])
                }
                WorkerEvent::Failed(why) => Err(vec![refusal(
                    "reader_failed",
                    &file,
                    crate::text!(
                        "Tệp bị hỏng hoặc có cấu trúc không đọc được; trình đọc đã dừng ({why}). Bản nháp đang mở không bị ảnh hưởng.",
                        "The file is damaged or has a structure that cannot be read; the reader stopped ({why}). The open draft is not affected."
                    ),
                )]),
            };
            if let Some(h) = handle {
                h.clear();
            }
            this.busy.set(None);
            this.outcome.set(Some(outcome));
        });
    }

    fn set_options(self, f: impl FnOnce(&mut ImportOptions)) {
        self.options.update(f);
        self.run();
    }
}

fn refusal(code: &str, file: &str, text: crate::locale::Text) -> Diagnostic {
    let mut d = Diagnostic::error("import_refused", crate::diagnostic::Location::File(file.to_string()), text);
    d.code = std::borrow::Cow::Owned(code.to_string());
    d
}

fn reason_label(reason: ExcludeReason) -> Text {
    match reason {
        ExcludeReason::Numbering => Text::fixed("số thứ tự", "numbering"),
        ExcludeReason::Percent => Text::fixed("tỷ lệ %", "percentages"),
        ExcludeReason::Share => Text::fixed("phần chia theo nguồn", "share by source"),
        ExcludeReason::Total => Text::fixed("tổng (đối chiếu)", "total (cross-checked)"),
        ExcludeReason::Subtotal => Text::fixed("cộng giai đoạn (đối chiếu)", "subtotal (cross-checked)"),
        ExcludeReason::Notes => Text::fixed("ghi chú", "notes"),
        ExcludeReason::Text => Text::fixed("chữ, không có số tiền", "text, no amounts"),
        ExcludeReason::UserMarked => Text::fixed("bạn đánh dấu không phải tiền", "marked not money by you"),
        ExcludeReason::Unrecognised => Text::fixed("không nhận ra", "not recognised"),
        ExcludeReason::Memo => {
            Text::fixed("«trong đó», đã nằm trong dòng trên", "'of which', already in the line above")
        }
        ExcludeReason::OtherFigure => Text::fixed("cột khác của cùng năm", "another column of the same year"),
        ExcludeReason::Hidden => Text::fixed("bị ẩn trong tệp", "hidden in the file"),
        ExcludeReason::OutsideTable => Text::fixed("nằm ngoài bảng", "outside the table"),
    }
}

fn field_use_label(used: FieldUse) -> Text {
    match used {
        FieldUse::Amounts => Text::fixed("số tiền", "amounts"),
        FieldUse::Checked => Text::fixed("cộng, đối chiếu", "sum, cross-checked"),
        FieldUse::LeftOut => Text::fixed("không nhập", "left out"),
        FieldUse::Share => Text::fixed("phần theo nguồn", "share by source"),
        FieldUse::Percent => Text::fixed("tỷ lệ, so sánh", "percent, comparison"),
        FieldUse::Text => Text::fixed("chữ", "text"),
        FieldUse::Skipped => Text::fixed("bạn bỏ qua", "skipped by you"),
    }
}

/// The preview of a spreadsheet import, in its own lazily loaded module.
#[cfg_attr(kehoach_split, leptos::wasm_split::wasm_split(kehoach_sheet_preview, wasm_split_path = ::leptos::wasm_split,
    preload(#[doc(hidden)] preload_sheet_preview), fallible))]
pub fn sheet_preview_lazy(preview: SheetPreview) -> Result<AnyView, crate::ui::lazy::LoadFailed> {
    Ok(view! { <SheetPreviewView preview /> }.into_any())
}

/// The preview of a spreadsheet import.
#[component]
pub fn SheetPreviewView(preview: SheetPreview) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let session = Session::get();
    let import = Import::get();
    let drafts = Drafts::get();
    let file = preview.file.get_value();
    let result = move || preview.outcome.with(|o| o.as_ref().and_then(|r| r.as_ref().ok()).cloned());
    let refused = move || preview.outcome.with(|o| o.as_ref().and_then(|r| r.as_ref().err()).cloned());
    let confirmable = move || preview.busy.get().is_none() && result().is_some_and(|u| u.result.can_confirm());
    let confirm = move |_| {
        let Some(u) = result() else { return };
        let name = if u.result.plan.title.trim().is_empty() {
            preview
                .file
                .get_value()
                .rsplit_once('.')
                .map(|(s, _)| s.to_string())
                .unwrap_or_else(|| preview.file.get_value())
        } else {
            crate::text::clip(u.result.plan.title.trim(), 80)
        };
        import.preview.set(None);
        drafts.create(doc, session, name, u.result.plan);
    };
    view! {
        <h3>{file} {move || result().map(|u| format!(" · {}", u.format.to_uppercase()))}</h3>
        <Show when=move || preview.busy.get().is_some()>
            <p class="progress" data-testid="import-progress" role="status">
                <span class="spinner"></span>
                {move || {
                    let s = preview.busy.get().unwrap_or(0);
                    crate::text!("Đang đọc và phân tích bảng… {s} giây (trang vẫn dùng được)", "Reading and understanding the table… {s} s (the page stays usable)").into_string(prefs.lang.get())
                }}
            </p>
        </Show>
        {move || refused().map(|diagnostics| view! {
            <p>{prefs.tr("Không thể nhập tệp này. Bản nháp đang mở không bị thay đổi.", "This file cannot be imported. The open draft is unchanged.")}</p>
            <DiagnosticList items=Signal::derive(move || diagnostics.clone()) />
        })}
        {move || result().map(|u| view! { <Recognition preview understood=u /> })}
        <div class="actions">
            <button class="primary" data-testid="import-confirm" disabled=move || !confirmable() on:click=confirm>
                {move || prefs.tr("Mở thành bản nháp mới", "Open as a new draft")}
            </button>
            <button data-testid="import-cancel" on:click=move |_| import.cancel()>{move || prefs.tr("Hủy", "Cancel")}</button>
        </div>
    }
}

/// What was recognised, with the corrections, the resulting figures and the diagnostics.
#[component]
fn Recognition(preview: SheetPreview, understood: Understood) -> impl IntoView {
    let prefs = Prefs::get();
    let lang = move || prefs.lang.get();
    let Understood { sheets, result, .. } = understood;
    let ImportResult { plan, recognised, diagnostics } = result;
    let totals = Totals::compute(&plan);
    let current_sheet = recognised.sheet.clone();
    let options = preview.options.get_untracked();

    // Visible sheets first; hidden ones after, marked.
    let mut ordered: Vec<&SheetInfo> = sheets.iter().filter(|s| !s.hidden).collect();
    ordered.extend(sheets.iter().filter(|s| s.hidden));
    let sheet_options = ordered
        .into_iter()
        .map(|s| {
            let selected = s.name == current_sheet;
            let hidden = s.hidden;
            let (name, rows, cols) = (s.name.clone(), s.rows, s.cols);
            // A Word table by its caption ("Bảng 2 — IV. Kinh phí thực hiện").
            let caption = s.caption.as_deref().map(|c| format!(" — {}", crate::text::clip(c, 60))).unwrap_or_default();
            let label = move || {
                let mark = if hidden { crate::locale::label(lang(), " · ẩn", " · hidden") } else { "" };
                format!("{name}{caption} ({rows} × {cols}){mark}")
            };
            view! { <option value=s.name.clone() selected=selected>{label}</option> }
        })
        .collect_view();
    let unit_found = recognised.unit.as_ref().map(|u| u.value);
    let unit_unknown = recognised.unit_unknown.filter(|_| options.unit.is_none());
    let unit_options = MoneyUnit::ALL
        .into_iter()
        .map(|u| {
            let selected = options.unit == Some(u) || (options.unit.is_none() && unit_found == Some(u));
            let guess = unit_unknown == Some(u);
            view! {
                <option value=u.code() selected=selected>
                    {move || u.name().into_string(lang())}
                    {move || guess.then(|| crate::locale::label(lang(), " (gợi ý)", " (suggested)"))}
                </option>
            }
        })
        .collect_view();
    let orientation = recognised.orientation;
    let orientation_code = |o: Option<Orientation>| match o {
        Some(Orientation::YearsAsRows) => "rows",
        Some(Orientation::YearsAsColumns) => "columns",
        None => "",
    };
    let header_row = recognised.header_rows.last().map(|r| r + 1).unwrap_or(0);
    let lines_axis = match orientation {
        Some(Orientation::YearsAsRows) => Axis::Column,
        _ => Axis::Row,
    };
    // A preview lists the first lines; a large sheet's others are counted.
    const SHOWN: usize = 60;
    let hidden_lines = recognised.lines.len().saturating_sub(SHOWN);
    let lines = recognised
        .lines
        .iter()
        .enumerate()
        .take(SHOWN)
        .map(|(k, l)| {
            let index = if lines_axis == Axis::Column { l.col } else { l.row };
            let place = crate::diagnostic::cell_ref(l.row, l.col);
            let total = totals.line_total(k);
            // The outline: depth as indentation, groups in bold.
            let depth = plan.lines.get(k).map(|x| x.depth).unwrap_or(0);
            let style = format!("padding-left: {}em", f32::from(depth.min(8)) * 1.2);
            let group = totals.is_group(k);
            view! {
                <li data-testid=format!("import-line-{}", k + 1) data-depth=depth.to_string() class:group=group style=style>
                    <label class="check" title=move || prefs.tr("Đánh dấu: không phải số tiền", "Mark as not money")>
                        <input type="checkbox" data-testid=format!("import-not-money-{}", k + 1)
                            on:change=move |_| preview.set_options(|o| if !o.not_money.contains(&index) { o.not_money.push(index) }) />
                        {move || prefs.tr("không phải tiền", "not money")}
                    </label>
                    <span class="name">{l.name.clone()}</span>
                    <span class="muted loc">{place}</span>
                    <span class="num" data-testid=format!("import-line-total-{}", k + 1) data-value=data_value(total)>
                        {move || format_decimal(total, lang())}
                    </span>
                </li>
            }
        })
        .collect_view();
    let col_name = |index: u32| crate::diagnostic::cell_ref(0, index).trim_end_matches('1').to_string();
    let place_of = move |axis: Axis, index: u32| match axis {
        Axis::Row => format!("{} {}", crate::locale::label(lang(), "hàng", "row"), index + 1),
        Axis::Column => format!("{} {}", crate::locale::label(lang(), "cột", "column"), col_name(index)),
    };
    // Money left out (not percentages, numbering or cross-checked totals), named with its sum.
    let left_out: Decimal = recognised
        .excluded
        .iter()
        .filter(|x| x.reason != ExcludeReason::Share)
        .filter_map(|x| x.sum)
        .fold(Decimal::ZERO, Decimal::saturating_add);
    let excluded = recognised
        .excluded
        .iter()
        .take(SHOWN)
        .map(|x| {
            let (label, reason, axis, index, count, sum) = (x.label.clone(), x.reason, x.axis, x.index, x.count, x.sum);
            let user = reason == ExcludeReason::UserMarked && axis == lines_axis;
            view! {
                <li data-testid="import-excluded" data-reason=format!("{reason:?}") data-value=sum.map(data_value)>
                    <span class="name">{if label.is_empty() { "—".to_string() } else { label }}</span>
                    <span class="muted">{move || place_of(axis, index)}" · "{move || reason_label(reason).into_string(lang())}</span>
                    {(count > 0).then(|| view! {
                        <span class="num muted">{move || match sum {
                            Some(s) => format!("{count} {} · {}", crate::locale::label(lang(), "số", "figures"), format_decimal(s, lang())),
                            None => format!("{count} {}", crate::locale::label(lang(), "số", "figures")),
                        }}</span>
                    })}
                    {user.then(|| view! {
                        <button class="link" on:click=move |_| preview.set_options(|o| o.not_money.retain(|i| *i != index))>
                            {move || prefs.tr("bỏ đánh dấu", "unmark")}
                        </button>
                    })}
                </li>
            }
        })
        .collect_view();
    // What each column (row, years as rows) holds, with a way to skip it.
    let field_list = recognised
        .fields
        .iter()
        .filter(|f| f.used != FieldUse::Text || f.year.is_some())
        .take(SHOWN)
        .enumerate()
        .map(|(k, f)| {
            let (index, label, used, year, kind, source) = (f.index, f.label.clone(), f.used, f.year, f.kind, f.source.clone());
            let skipped = used == FieldUse::Skipped;
            let what = move || {
                let mut parts: Vec<String> = Vec::new();
                if let Some(y) = year {
                    parts.push(y.to_string());
                }
                if let Some(k) = kind {
                    parts.push(k.name().into_string(lang()));
                }
                if let Some(s) = &source {
                    parts.push(s.clone());
                }
                parts.push(field_use_label(used).into_string(lang()));
                parts.join(" · ")
            };
            view! {
                <li data-testid=format!("import-field-{}", k + 1) data-use=format!("{used:?}") data-index=index.to_string()>
                    <label class="check" title=move || prefs.tr("Bỏ qua cột này", "Skip this column")>
                        <input type="checkbox" data-testid=format!("import-field-skip-{}", k + 1) prop:checked=skipped
                            on:change=move |_| preview.set_options(|o| {
                                if o.skip_fields.contains(&index) { o.skip_fields.retain(|i| *i != index) } else { o.skip_fields.push(index) }
                            }) />
                        {move || prefs.tr("bỏ qua", "skip")}
                    </label>
                    <span class="name">{if label.is_empty() { "—".to_string() } else { label }}</span>
                    <span class="muted loc">{move || place_of(if orientation == Some(Orientation::YearsAsRows) { Axis::Row } else { Axis::Column }, index)}</span>
                    <span class="muted">{what}</span>
                </li>
            }
        })
        .collect_view();
    // The column holding the names (years as columns), to choose another.
    let name_field = recognised.name_field;
    let name_choices: Vec<(u32, String)> = recognised
        .fields
        .iter()
        .filter(|f| f.used == FieldUse::Text && f.year.is_none())
        .map(|f| (f.index, f.label.clone()))
        .collect();
    let show_names = orientation == Some(Orientation::YearsAsColumns) && !name_choices.is_empty();
    let name_options = name_choices
        .into_iter()
        .map(|(index, label)| {
            let text = format!(
                "{} · {}",
                col_name(index),
                if label.is_empty() { "—".into() } else { crate::text::clip(&label, 30) }
            );
            view! { <option value=index.to_string() selected=name_field == Some(index)>{text}</option> }
        })
        .collect_view();
    // Other tables on the sheet.
    let tables = recognised
        .tables
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let t = t.clone();
            let text = move || {
                crate::text!("Hàng {}–{}, năm {}–{}, {} số", "Rows {}–{}, years {}–{}, {} figures", t.rows.0 + 1, t.rows.1 + 1, t.years.0, t.years.1, t.amounts).into_string(lang())
            };
            let (header, rows) = (t.header_row, t.years_in_rows);
            view! {
                <li>
                    <button class="link" data-testid=format!("import-table-{}", k + 1) on:click=move |_| preview.set_options(|o| {
                        o.header_row = Some(header);
                        o.range = None;
                        o.orientation = Some(if rows { Orientation::YearsAsRows } else { Orientation::YearsAsColumns });
                        o.not_money.clear();
                        o.skip_fields.clear();
                    })>{text}</button>
                </li>
            }
        })
        .collect_view();
    let has_tables = !recognised.tables.is_empty();
    let range_invalid = RwSignal::new(false);
    let legacy = recognised.legacy.clone();
    let hidden = recognised.hidden;
    let found_years = recognised.years.clone();
    let period = (plan.period.first, plan.period.last);
    let years = move || match period {
        (a, b) if found_years.is_empty() => format!("{a}–{b}"),
        _ => {
            let ys: Vec<String> = found_years
                .iter()
                .map(|y| match y.kind {
                    Some(k) => format!("{} ({})", y.year, k.name().into_string(lang())),
                    None => y.year.to_string(),
                })
                .collect();
            ys.join(", ")
        }
    };
    let phases = plan
        .phases
        .iter()
        .enumerate()
        .map(|(p, ph)| {
            let total = totals.phase_total(p);
            view! {
                <li>{format!("{} ({}–{}): ", ph.name, ph.years.first, ph.years.last)}
                    <b data-testid=format!("import-phase-total-{}", p + 1) data-value=data_value(total)>{move || format_decimal(total, lang())}</b>
                </li>
            }
        })
        .collect_view();
    let sources = plan
        .sources
        .iter()
        .map(|s| {
            let share = match s.rule {
                ShareRule::Percent { value } => format!("{} %", format_decimal(value, prefs.lang.get_untracked())),
                ShareRule::Amount { value } => format_decimal(value, prefs.lang.get_untracked()),
                ShareRule::Remainder => "…".into(),
            };
            view! { <li data-testid="import-source">{format!("{}: {share}", s.name)}</li> }
        })
        .collect_view();
    let has_sources = !plan.sources.is_empty();
    let has_phases = !plan.phases.is_empty();
    let grand = totals.grand();
    let line_count = plan.lines.len();
    let target_count = plan.targets.len();
    let title = recognised.title.as_ref().map(|t| t.value.clone()).unwrap_or_default();
    let unit_label = plan.unit;
    let diag = diagnostics.clone();
    view! {
        <div class="recognised" data-testid="import-recognised">
            <div class="row">
                <label>{move || prefs.tr("Trang tính", "Sheet")}</label>
                <select data-testid="import-sheet" on:change=move |ev| {
                    let name = event_target_value(&ev);
                    preview.set_options(|o| { o.sheet = Some(name); o.header_row = None; o.range = None; o.not_money.clear(); });
                }>{sheet_options}</select>
                <label>{move || prefs.tr("Đơn vị tính", "Unit")}</label>
                <select data-testid="import-unit" class:question=unit_unknown.is_some() on:change=move |ev| {
                    let unit = MoneyUnit::from_code(&event_target_value(&ev));
                    preview.set_options(|o| o.unit = unit);
                }>
                    {unit_unknown.is_some().then(|| view! {
                        <option value="" selected=true>{move || prefs.tr("— chọn đơn vị tính —", "— choose the unit —")}</option>
                    })}
                    {unit_options}
                </select>
                <label>{move || prefs.tr("Bố cục", "Layout")}</label>
                <select data-testid="import-orientation" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    preview.set_options(|o| o.orientation = match v.as_str() {
                        "rows" => Some(Orientation::YearsAsRows),
                        "columns" => Some(Orientation::YearsAsColumns),
                        _ => None,
                    });
                }>
                    <option value="" selected=options.orientation.is_none()>{move || prefs.tr("tự nhận", "automatic")}</option>
                    <option value="rows" selected=orientation_code(options.orientation) == "rows">{move || prefs.tr("năm theo hàng", "years as rows")}</option>
                    <option value="columns" selected=orientation_code(options.orientation) == "columns">{move || prefs.tr("năm theo cột", "years as columns")}</option>
                </select>
                <label>{move || prefs.tr("Hàng tiêu đề", "Header row")}</label>
                <input type="number" min="1" class="year numeric" data-testid="import-header-row" prop:value=header_row.to_string()
                    on:change=move |ev| {
                        let row = event_target_value(&ev).trim().parse::<u32>().ok().filter(|r| *r >= 1).map(|r| r - 1);
                        preview.set_options(|o| o.header_row = row);
                    } />
                <label>{move || prefs.tr("Vùng bảng", "Table range")}</label>
                <input type="text" class="range" data-testid="import-range" placeholder="A5:H40" size="9"
                    class:invalid=move || range_invalid.get()
                    prop:value=options.range.map(|r| r.a1()).unwrap_or_default()
                    title=move || prefs.tr("Chỉ đọc vùng này, ví dụ A5:H40; để trống để tự tìm bảng", "Read only this range, e.g. A5:H40; leave empty to find the table")
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        if text.trim().is_empty() {
                            range_invalid.set(false);
                            preview.set_options(|o| o.range = None);
                        } else if let Some(range) = crate::io::import::Region::parse(&text) {
                            range_invalid.set(false);
                            preview.set_options(|o| { o.range = Some(range); o.header_row = None; o.not_money.clear(); o.skip_fields.clear(); });
                        } else {
                            range_invalid.set(true);
                        }
                    } />
                {show_names.then(|| view! {
                    <label>{move || prefs.tr("Cột tên dòng", "Names column")}</label>
                    <select data-testid="import-names" on:change=move |ev| {
                        let index = event_target_value(&ev).parse::<u32>().ok();
                        preview.set_options(|o| o.name_field = index);
                    }>{name_options}</select>
                })}
            </div>
            {unit_unknown.map(|guess| view! {
                <p class="notice warning" data-testid="import-unit-question" role="alert">
                    {move || {
                        let (lang, guess) = (lang(), guess.name());
                        crate::text!("Bảng không ghi đơn vị tính. Hãy chọn đơn vị ở trên trước khi mở bản nháp (theo độ lớn các số, có thể là {}).", "The table states no unit. Choose it above before opening the draft (from the size of the amounts it may be {}).", guess.get(lang)).into_string(lang)
                    }}
                </p>
            })}
            {legacy.map(|l| view! {
                <p class="notice info" data-testid="import-legacy" data-encoding=format!("{:?}", l.encoding)>
                    {move || crate::text!("Đã chuyển chữ của {} ô từ bảng mã {} sang Unicode.", "Text of {} cells converted from the {} encoding to Unicode.", l.cells, l.encoding.label()).into_string(lang())}
                </p>
            })}
            {(hidden.0 + hidden.1 > 0).then(|| view! {
                <p class="notice info" data-testid="import-hidden">
                    {move || crate::text!("Bỏ qua {} hàng và {} cột bị ẩn trong bảng.", "{} hidden rows and {} hidden columns of the table are skipped.", hidden.0, hidden.1).into_string(lang())}
                </p>
            })}
            <p class="summary" data-testid="import-summary" data-orientation=orientation_code(orientation)
                data-unit=unit_label.code() data-lines=line_count.to_string() data-targets=target_count.to_string()>
                {move || {
                    let o = match orientation {
                        Some(Orientation::YearsAsRows) => Text::fixed("năm theo hàng", "years as rows"),
                        Some(Orientation::YearsAsColumns) => Text::fixed("năm theo cột", "years as columns"),
                        None => Text::fixed("không nhận ra bảng", "no table recognised"),
                    }
                    .into_string(lang());
                    let unit = unit_label.name().into_string(lang());
                    let unit = match unit_unknown.is_some() {
                        true => crate::text!("chưa rõ (gợi ý: {unit})", "not stated (suggested: {unit})").into_string(lang()),
                        false => unit.to_string(),
                    };
                    let years = years();
                    crate::text!("{line_count} dòng kinh phí, năm {years}, {o}, đơn vị {unit}.", "{line_count} budget lines, years {years}, {o}, unit {unit}.").into_string(lang())
                }}
                {(target_count > 0).then(|| view! {
                    " "{move || crate::text!("{target_count} chỉ tiêu.", "{target_count} targets.").into_string(lang())}
                })}
                {(!title.is_empty()).then(|| view! { <br /><i>{title.clone()}</i> })}
            </p>
            <div class="columns">
                <div>
                    <h4>{move || prefs.tr("Dòng kinh phí", "Budget lines")}</h4>
                    <ul class="import-lines">{lines}</ul>
                    {(hidden_lines > 0).then(|| view! {
                        <p class="muted">{move || crate::text!("… và {hidden_lines} dòng khác", "… and {hidden_lines} more lines").into_string(lang())}</p>
                    })}
                    <p>{move || prefs.tr("Tổng cộng: ", "Grand total: ")}
                        <b data-testid="import-grand-total" data-value=data_value(grand)>{move || format_decimal(grand, lang())}</b></p>
                </div>
                <div>
                    {has_phases.then(|| view! {
                        <h4>{move || prefs.tr("Giai đoạn", "Phases")}</h4>
                        <ul>{phases}</ul>
                    })}
                    <h4>{move || prefs.tr("Các cột của bảng", "The table's columns")}</h4>
                    <ul class="import-fields">{field_list}</ul>
                    <h4>{move || prefs.tr("Không tính vào tiền", "Not counted as money")}</h4>
                    <ul class="import-excluded">{excluded}</ul>
                    <p>{move || prefs.tr("Số tiền bỏ ra ngoài: ", "Money left out: ")}
                        <b data-testid="import-left-out" data-value=data_value(left_out)>{move || format_decimal(left_out, lang())}</b></p>
                    {has_tables.then(|| view! {
                        <h4>{move || prefs.tr("Bảng khác trong trang", "Other tables on the sheet")}</h4>
                        <ul>{tables}</ul>
                    })}
                    {has_sources.then(|| view! {
                        <h4>{move || prefs.tr("Nguồn kinh phí tìm thấy", "Funding found")}</h4>
                        <ul>{sources}</ul>
                    })}
                </div>
            </div>
            <DiagnosticList items=Signal::derive(move || diag.clone()) />
        </div>
    }
}
