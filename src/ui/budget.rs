//! The budget view: toolbar, grid, status bar, and beside them phases, funding and diagnostics.

use leptos::prelude::*;

use crate::engine::paste::Fit;
use crate::engine::{Edit, LineMeta, PlanMeta};
use crate::locale::{Lang, format_decimal};
use crate::model::MoneyUnit;
use crate::ui::chart::PhaseChart;
use crate::ui::diagnostics::DiagnosticsPanel;
use crate::ui::funding::FundingPanel;
use crate::ui::grid::keys::{PendingPaste, apply_paste};
use crate::ui::grid::{Grid, GridCtx, Pos, move_to, selection_stats};
use crate::ui::lazy::{lazy, lazy_view};
use crate::ui::phases::PhasesPanel;
use crate::ui::plan_panel::{LinePanel, PlanPanel};
use crate::ui::state::{Document, Figures, Notices, Prefs};
use crate::ui::tools::ToolsPanel;

/// The budget grid with everything around it.
#[component]
pub fn BudgetView() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let ctx = GridCtx::new(doc, prefs);
    let pending = ctx.pending_paste;
    let empty = move || ctx.layout.with(|l| l.rows.is_empty() || l.cols.len() <= 1);
    // Below 1680 px the side panels are a drawer (the grid keeps the width), opened on demand.
    let side_open = RwSignal::new(false);

    view! {
        <div class="budget">
            <div class="budget-main">
                <Toolbar ctx />
                <button class="side-toggle" data-testid="side-toggle" aria-expanded=move || side_open.get().to_string()
                    on:click=move |_| side_open.update(|v| *v = !*v)>
                    {move || prefs.tr("Nguồn kinh phí, giai đoạn, kiểm tra…", "Funding, phases, checks…")}
                </button>
                <Show when=move || pending.get().is_some()>
                    <PasteConfirm ctx pending />
                </Show>
                <Grid ctx />
                <Show when=empty>
                    <div class="grid-empty">
                        {move || prefs.tr("Chưa có dòng kinh phí nào. Bấm «+ Dòng» để thêm, hoặc dán một bảng từ Excel.",
                            "No budget line yet. Press '+ Line' to add one, or paste a table from Excel.")}
                    </div>
                </Show>
                <StatusBar ctx />
            </div>
            <aside class="budget-side" class:open=move || side_open.get() data-testid="side-panels">
                <button class="side-close icon" data-testid="side-close" on:click=move |_| side_open.set(false)
                    aria-label=move || prefs.tr("Đóng", "Close")>"×"</button>
                <FundingPanel />
                <Show when=move || { doc.structure.track(); doc.with(|e| e.plan().consolidation.is_some()) }>
                    {provide_context(ctx); lazy_view(lazy!(crate::ui::consolidate::consolidation_panel_lazy()))}
                </Show>
                <LinePanel ctx />
                <PhaseChart />
                <PhasesPanel />
                <PlanPanel />
                <ToolsPanel ctx />
                <DiagnosticsPanel ctx />
            </aside>
        </div>
    }
}

/// Line, year and view commands.
#[component]
fn Toolbar(ctx: GridCtx) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let figures = Figures::get();
    let active_line = move || ctx.line_at(ctx.sel.get().active);

    let add_line = move |_| {
        crate::ui::grid::keys::add_line(ctx, doc, prefs, false);
        ctx.focus();
    };
    let delete_line = move |_| {
        if let Some(i) = active_line() {
            if let Some(id) = doc.with(|e| e.plan().lines.get(i).map(|l| l.id)) {
                doc.apply(Edit::RemoveLines { lines: vec![id] });
            }
            ctx.focus();
        }
    };
    let move_line = move |delta: isize| {
        if let Some(i) = ctx.line_at(ctx.sel.get_untracked().active) {
            let (n, id) = doc.with(|e| (e.plan().lines.len(), e.plan().lines.get(i).map(|l| l.id)));
            let to = i as isize + delta;
            if let Some(id) = id
                && to >= 0
                && (to as usize) < n
            {
                doc.apply(Edit::MoveLine { line: id, to: to as usize });
                let pos = ctx.sel.get_untracked().active;
                let transposed = ctx.layout.with_untracked(|l| l.transposed);
                let pos = if transposed { Pos { c: to as usize + 1, ..pos } } else { Pos { r: to as usize, ..pos } };
                move_to(ctx, pos, false);
            }
        }
        ctx.focus();
    };
    let indent = move |delta: i32| {
        let Some(i) = ctx.line_at(ctx.sel.get_untracked().active) else { return };
        let change = doc.with(|e| {
            let lines = &e.plan().lines;
            let line = lines.get(i)?;
            let max = if i == 0 { 0 } else { lines[i - 1].depth as i32 + 1 };
            let depth = (line.depth as i32 + delta).clamp(0, max.min(8)) as u8;
            (depth != line.depth).then(|| {
                let mut meta = LineMeta::from_line(line);
                meta.depth = depth;
                (line.id, meta)
            })
        });
        if let Some((id, meta)) = change {
            doc.apply(Edit::SetLineMeta { line: id, meta });
        }
        ctx.focus();
    };
    let add_year = move |before: bool| {
        let mut meta = doc.with(|e| PlanMeta::of(e.plan()));
        if meta.period.len() >= crate::model::limits::MAX_YEARS {
            return;
        }
        if before {
            meta.period.first -= 1;
        } else {
            meta.period.last += 1;
        }
        doc.apply(Edit::SetMeta(Box::new(meta)));
    };
    let unit_options = move || {
        let lang = prefs.lang.get();
        MoneyUnit::ALL
            .into_iter()
            .map(|u| {
                let label = u.name().into_string(lang);
                view! { <option value=u.code() selected=move || figures.shown_unit() == u>{label}</option> }
            })
            .collect_view()
    };

    view! {
        <div class="toolbar" role="toolbar">
            <button data-testid="line-add" on:click=add_line title=move || prefs.tr("Thêm dòng dưới dòng đang chọn", "Add a line below the selected one")>
                {move || prefs.tr("+ Dòng", "+ Line")}
            </button>
            <button data-testid="line-delete" on:click=delete_line disabled=move || active_line().is_none()>
                {move || prefs.tr("Xóa dòng", "Delete line")}
            </button>
            <button data-testid="line-up" on:click=move |_| move_line(-1) title=move || prefs.tr("Chuyển dòng lên", "Move line up")>"↑"</button>
            <button data-testid="line-down" on:click=move |_| move_line(1) title=move || prefs.tr("Chuyển dòng xuống", "Move line down")>"↓"</button>
            <button data-testid="line-indent" on:click=move |_| indent(1) title=move || prefs.tr("Đưa vào nhóm của dòng trên", "Put into the group above")>"⇥"</button>
            <button data-testid="line-outdent" on:click=move |_| indent(-1) title=move || prefs.tr("Đưa ra khỏi nhóm", "Take out of the group")>"⇤"</button>
            <span class="sep"></span>
            <button data-testid="year-add-before" on:click=move |_| add_year(true)>{move || prefs.tr("+ Năm trước", "+ Year before")}</button>
            <button data-testid="year-add-after" on:click=move |_| add_year(false)>{move || prefs.tr("+ Năm sau", "+ Year after")}</button>
            <span class="sep"></span>
            <label class="check">
                <input type="checkbox" data-testid="transpose" prop:checked=move || prefs.transposed.get()
                    on:change=move |ev| prefs.transposed.set(event_target_checked(&ev)) />
                {move || prefs.tr("Năm theo hàng", "Years as rows")}
            </label>
            <label>
                {move || prefs.tr("Đơn vị hiển thị", "Shown in")}" "
                <select data-testid="display-unit" on:change=move |ev| {
                    let unit = MoneyUnit::from_code(&event_target_value(&ev));
                    let plan_unit = doc.with(|e| e.plan().unit);
                    prefs.display_unit.set(unit.filter(|u| *u != plan_unit));
                }>{unit_options}</select>
            </label>
            <span class="sep"></span>
            <button data-testid="undo" on:click=move |_| doc.undo() title="Ctrl+Z"
                disabled=move || { doc.changed.track(); doc.structure.track(); !doc.with(|e| e.can_undo()) }>
                {move || prefs.tr("↶ Hoàn tác", "↶ Undo")}
            </button>
            <button data-testid="redo" on:click=move |_| doc.redo() title="Ctrl+Y"
                disabled=move || { doc.changed.track(); doc.structure.track(); !doc.with(|e| e.can_redo()) }>
                {move || prefs.tr("↷ Làm lại", "↷ Redo")}
            </button>
        </div>
    }
}

/// Asks before a paste adds lines or years.
#[component]
fn PasteConfirm(ctx: GridCtx, pending: RwSignal<Option<PendingPaste>>) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let notices = Notices::get();
    let text = move || {
        let Some(p) = pending.get() else { return String::new() };
        let (lines, years) = (p.need.lines, p.need.years);
        match prefs.lang.get() {
            Lang::Vi => {
                let parts: Vec<String> = [(lines, "dòng"), (years, "năm")]
                    .iter()
                    .filter(|(n, _)| *n > 0)
                    .map(|(n, w)| format!("{n} {w}"))
                    .collect();
                format!("Khối dán vượt ra ngoài bảng: cần thêm {}.", parts.join(" và "))
            }
            Lang::En => {
                let parts: Vec<String> = [(lines, "line", "lines"), (years, "year", "years")]
                    .iter()
                    .filter(|(n, _, _)| *n > 0)
                    .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
                    .collect();
                format!("The pasted block reaches past the table: {} would be added.", parts.join(" and "))
            }
        }
    };
    let run = move |extend: bool| {
        if let Some(p) = pending.get_untracked() {
            apply_paste(doc, prefs, notices, &p, if extend { Fit::Extend } else { Fit::Clip });
        }
        pending.set(None);
        ctx.focus();
    };
    view! {
        <div class="paste-confirm" role="dialog" data-testid="paste-confirm">
            <span>{text}</span>
            <button data-testid="paste-extend" on:click=move |_| run(true)>{move || prefs.tr("Thêm và dán", "Add and paste")}</button>
            <button data-testid="paste-clip" on:click=move |_| run(false)>{move || prefs.tr("Chỉ dán phần vừa bảng", "Paste what fits")}</button>
            <button data-testid="paste-cancel" on:click=move |_| { pending.set(None); ctx.focus(); }>{move || prefs.tr("Hủy", "Cancel")}</button>
        </div>
    }
}

/// Sum and count of the selection.
#[component]
fn StatusBar(ctx: GridCtx) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let figures = Figures::get();
    let stats = Memo::new(move |_| selection_stats(ctx, doc));
    view! {
        <div class="statusbar" data-testid="status">
            <span>{move || prefs.tr("Tổng chọn: ", "Sum: ")}
                <b data-testid="selection-sum" data-value=move || crate::ui::state::data_value(stats.get().0)>
                    {move || figures.format_amount(stats.get().0)}
                </b>
            </span>
            <span>{move || prefs.tr("Số ô có số: ", "Count: ")}
                <b data-testid="selection-count" data-value=move || stats.get().1.to_string()>{move || stats.get().1}</b>
            </span>
            <span class="muted">{move || {
                let unit = figures.shown_unit();
                let label = unit.name().into_string(prefs.lang.get());
                format!("{}: {label}", prefs.tr("Đơn vị tính", "Unit"))
            }}</span>
            <span class="muted">{move || {
                let lines = doc.with(|e| e.plan().lines.len());
                doc.structure.track();
                let years = ctx.layout.with(|l| l.rows.len().max(l.cols.len()));
                let _ = years;
                format!("{} {}", format_decimal(rust_decimal::Decimal::from(lines as u64), prefs.lang.get()), prefs.tr("dòng", "lines"))
            }}</span>
        </div>
    }
}
