//! The budget grid: lines × years with phase subtotals and totals, virtualised, keyboard-driven.
//!
//! One hidden `<input>` keeps the keyboard focus while the grid is active: typing starts an edit
//! in place, and copy and paste arrive on it as clipboard events. Selection and editing are drawn
//! as overlays, so moving the cursor repaints two elements, not the grid.

pub mod keys;
pub mod layout;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::state::{Document, Figures, Prefs, data_value};
pub use keys::{clear_selection, commit_edit, fill, move_to};
use layout::{Layout, ROW_H, Slot, TOTAL_W, editable, figure, testid, year_label};

/// A cell position: `r` a body row, `c` a column where 0 is the header column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// Body row.
    pub r: usize,
    /// Column, 0 = header column.
    pub c: usize,
}

/// The selected range: from the anchor to the active cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Selection {
    /// Where the selection started.
    pub anchor: Pos,
    /// The cell with the cursor.
    pub active: Pos,
}

impl Selection {
    /// Rows and columns covered, inclusive: (r0, r1, c0, c1).
    pub fn bounds(&self) -> (usize, usize, usize, usize) {
        let (a, b) = (self.anchor, self.active);
        (a.r.min(b.r), a.r.max(b.r), a.c.min(b.c), a.c.max(b.c))
    }

    /// A single cell.
    pub fn single(pos: Pos) -> Self {
        Self { anchor: pos, active: pos }
    }
}

/// How the in-place editor was entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditMode {
    /// Typed over the cell: arrow keys commit and move, as in Excel.
    Enter,
    /// F2 or double-click: arrow keys move the caret.
    Edit,
}

/// The grid's own state, shared by the grid, its toolbar and the status bar.
#[derive(Clone, Copy)]
pub struct GridCtx {
    /// What is where.
    pub layout: Memo<Layout>,
    /// The selection.
    pub sel: RwSignal<Selection>,
    /// In-place editing, if any.
    pub editing: RwSignal<Option<EditMode>>,
    /// Why the typed text was refused.
    pub error: RwSignal<Option<String>>,
    /// Scroll position of the viewport.
    pub scroll: RwSignal<(i32, i32)>,
    /// Size of the viewport.
    pub viewport: RwSignal<(i32, i32)>,
    /// The column a row was entered at before Tab moved along it: Enter goes down to it.
    pub tab_start: StoredValue<Option<usize>>,
    /// The hidden editor input.
    pub input: NodeRef<html::Input>,
    /// The scrolling viewport.
    pub scroller: NodeRef<html::Div>,
    /// A paste that does not fit, waiting for the planner's answer (extend or clip).
    pub pending_paste: RwSignal<Option<keys::PendingPaste>>,
    /// The mouse button went down on a cell and is still down: moving selects.
    dragging: StoredValue<bool>,
}

impl GridCtx {
    /// Creates the grid state for the open plan `doc`, shown as `prefs` say.
    pub fn new(doc: Document, prefs: Prefs) -> Self {
        let layout = Memo::new(move |_| {
            let rev = doc.structure.get();
            let transposed = prefs.transposed.get();
            doc.with(|e| Layout::build(e, transposed, rev))
        });
        Self {
            layout,
            sel: RwSignal::new(Selection::default()),
            editing: RwSignal::new(None),
            error: RwSignal::new(None),
            scroll: RwSignal::new((0, 0)),
            viewport: RwSignal::new((1200, 600)),
            tab_start: StoredValue::new(None),
            input: NodeRef::new(),
            scroller: NodeRef::new(),
            pending_paste: RwSignal::new(None),
            dragging: StoredValue::new(false),
        }
    }

    /// The (line part, year part) of the cell at `pos`, `None` for the header column.
    pub fn parts_at(&self, pos: Pos) -> Option<(Slot, Slot)> {
        self.layout.with_untracked(|l| {
            let row = *l.rows.get(pos.r)?;
            if pos.c == 0 {
                return None;
            }
            let col = *l.cols.get(pos.c - 1)?;
            Some(l.parts(row, col))
        })
    }

    /// The line index a position belongs to (its row in the default orientation, its column when
    /// years are rows).
    pub fn line_at(&self, pos: Pos) -> Option<usize> {
        self.layout.with_untracked(|l| {
            let slot = if l.transposed {
                if pos.c == 0 { None } else { l.cols.get(pos.c - 1).copied() }
            } else {
                l.rows.get(pos.r).copied()
            };
            match slot {
                Some(Slot::Line(i)) => Some(i),
                _ => None,
            }
        })
    }

    /// Focuses the hidden editor input without scrolling the page.
    pub fn focus(&self) {
        if let Some(input) = self.input.get_untracked() {
            let opts = web_sys::FocusOptions::new();
            opts.set_prevent_scroll(true);
            let _ = input.focus_with_options(&opts);
        }
    }

    /// Pixel rectangle (x, y, w, h) of a cell in the grid's body.
    fn rect(&self, pos: Pos, scroll_left: i32) -> (i32, i32, i32, i32) {
        self.layout.with(|l| {
            let y = pos.r as i32 * ROW_H;
            if pos.c == 0 {
                (scroll_left, y, l.header_w, ROW_H)
            } else {
                let i = (pos.c - 1).min(l.col_x.len().saturating_sub(1));
                (l.header_w + l.col_x.get(i).copied().unwrap_or(0), y, l.col_w.get(i).copied().unwrap_or(0), ROW_H)
            }
        })
    }
}

/// The grid, its overlays and its in-place editor.
///
/// Rows are absolutely positioned `div`s inside a body of the full height, so adding or removing
/// a row while scrolling lays out that row only (a `<table>` would lay out all of itself again).
/// The header is sticky at the top and the first cell of every row sticky at the left.
#[component]
pub fn Grid(
    /// The grid's state.
    ctx: GridCtx,
) -> impl IntoView {
    let rows_range = Memo::new(move |_| {
        let (top, _) = ctx.scroll.get();
        let (_, h) = ctx.viewport.get();
        ctx.layout.with(|l| (l.generation(), l.visible_rows(top, (h - l.head_h()).max(0))))
    });
    let cols_range = Memo::new(move |_| {
        let (_, left) = ctx.scroll.get();
        let (w, _) = ctx.viewport.get();
        ctx.layout.with(|l| l.visible_cols(left, (w - l.header_w).max(0)))
    });

    // Keep the selection inside the grid when the structure shrinks.
    Effect::new(move |_| {
        let (nr, nc) = ctx.layout.with(|l| (l.rows.len(), l.cols.len()));
        let s = ctx.sel.get_untracked();
        let clamp = |p: Pos| Pos { r: p.r.min(nr.saturating_sub(1)), c: p.c.min(nc) };
        let fixed = Selection { anchor: clamp(s.anchor), active: clamp(s.active) };
        if fixed != s {
            ctx.sel.set(fixed);
        }
    });

    let measure = move || {
        if let Some(el) = ctx.scroller.get_untracked() {
            ctx.viewport.set((el.client_width(), el.client_height()));
        }
    };
    Effect::new(move |_| {
        ctx.scroller.track();
        measure();
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let on_scroll = move |_| {
        if let Some(el) = ctx.scroller.get_untracked() {
            let now = (el.scroll_top(), el.scroll_left());
            if ctx.scroll.get_untracked() != now {
                ctx.scroll.set(now);
            }
        }
    };

    let on_mousedown = move |ev: web_sys::MouseEvent| {
        if ev.button() != 0 {
            return;
        }
        let Some(pos) = pos_of_event(&ev) else { return };
        ev.prevent_default();
        if ctx.editing.get_untracked().is_some() && !commit_edit(ctx) {
            ctx.focus();
            return;
        }
        if ev.shift_key() {
            ctx.sel.update(|s| s.active = pos);
        } else {
            ctx.sel.set(Selection::single(pos));
        }
        ctx.dragging.set_value(true);
        ctx.focus();
    };
    let on_mouseover = move |ev: web_sys::MouseEvent| {
        if ctx.dragging.get_value()
            && ev.buttons() & 1 == 1
            && let Some(pos) = pos_of_event(&ev)
        {
            ctx.sel.update(|s| {
                if s.active != pos {
                    s.active = pos
                }
            });
        }
    };
    let up = window_event_listener(leptos::ev::mouseup, move |_| ctx.dragging.set_value(false));
    on_cleanup(move || up.remove());
    let on_dblclick = move |ev: web_sys::MouseEvent| {
        if pos_of_event(&ev).is_some() {
            keys::start_edit(ctx, EditMode::Edit, None);
        }
    };

    let body_rows = move || {
        let (generation, (a, b)) = rows_range.get();
        (a..b).map(move |r| (generation, r))
    };
    let width = move || ctx.layout.with(|l| px(l.header_w + l.body_width()));
    let body_height = move || ctx.layout.with(|l| px(l.rows.len() as i32 * ROW_H));

    view! {
        <div class="grid-scroll" node_ref=ctx.scroller on:scroll=on_scroll data-testid="grid"
            class:transposed=move || ctx.layout.with(|l| l.transposed)
            role="grid" aria-label=move || Prefs::get().tr("Bảng kinh phí", "Budget table")
            aria-rowcount=move || ctx.layout.with(|l| (l.rows.len() + 3).to_string())
            aria-colcount=move || ctx.layout.with(|l| (l.cols.len() + 1).to_string())>
            <div class="grid" class:transposed=move || ctx.layout.with(|l| l.transposed)
                style:width=width on:mousedown=on_mousedown on:mouseover=on_mouseover on:dblclick=on_dblclick>
                <GridHead ctx cols_range />
                <div class="grid-body" style:height=body_height style:width=width>
                    <For each=body_rows key=|k| *k let:k>
                        <BodyRow ctx r=k.1 cols_range />
                    </For>
                    <SelectionOverlay ctx />
                    <CellEditor ctx />
                </div>
            </div>
        </div>
    }
}

/// The cell position under a mouse event: `data-c` of the nearest cell, `data-r` of its row.
fn pos_of_event(ev: &web_sys::MouseEvent) -> Option<Pos> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let cell = target.closest("[data-c]").ok()??;
    let row = cell.closest("[data-r]").ok()??;
    let r = row.get_attribute("data-r")?.parse().ok()?;
    let c = cell.get_attribute("data-c")?.parse().ok()?;
    Some(Pos { r, c })
}

fn px(v: i32) -> String {
    format!("{v}px")
}

/// Width of the spacers before and after the visible columns.
fn pads(ctx: GridCtx, cols_range: Memo<(usize, usize)>) -> (i32, i32) {
    let (a, b) = cols_range.get();
    ctx.layout.with(|l| {
        let left = l.col_x.get(a).copied().unwrap_or(0);
        let right = l.body_width() - l.col_x.get(b).copied().unwrap_or(l.body_width());
        (left, right)
    })
}

/// The header: phase bands, column labels and the pinned total row.
#[component]
fn GridHead(ctx: GridCtx, cols_range: Memo<(usize, usize)>) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let figures = Figures::get();
    let visible = move || {
        let (a, b) = cols_range.get();
        ctx.layout.with(|l| (a..b).map(|c| (l.generation(), c, l.cols[c], l.col_w[c])).collect::<Vec<_>>())
    };
    let head_w = move || px(ctx.layout.with(|l| l.header_w));
    let transposed = move || ctx.layout.with(|l| l.transposed);

    let bands = move || {
        let lang = prefs.lang.get();
        ctx.layout.with(|l| {
            l.bands
                .iter()
                .map(|b| {
                    let width: i32 = l.col_w.get(b.first..b.first + b.span).map(|w| w.iter().sum()).unwrap_or(0);
                    let label = match b.phase {
                        Some(p) => doc.with(|e| {
                            e.plan()
                                .phases
                                .get(p)
                                .map(|ph| format!("{} ({}–{})", ph.name, ph.years.first, ph.years.last))
                        }),
                        None => Some(crate::locale::label(lang, "Ngoài giai đoạn", "No phase").to_string()),
                    };
                    view! {
                        <div class="hcell band" style:width=px(width) class:nophase=b.phase.is_none()>
                            {label.unwrap_or_default()}
                        </div>
                    }
                })
                .collect_view()
        })
    };

    let col_label = move |slot: Slot| {
        move || {
            doc.structure.track();
            let lang = prefs.lang.get();
            match slot {
                Slot::Line(i) => {
                    doc.track_row(i);
                    doc.with(|e| e.plan().lines.get(i).map(|l| l.name.clone()).unwrap_or_default())
                }
                other => doc.with(|e| year_label(e, other, lang)),
            }
        }
    };

    let total_cell = move |slot: Slot, width: i32| {
        let (line, year) =
            if ctx.layout.with_untracked(|l| l.transposed) { (slot, Slot::Total) } else { (Slot::Total, slot) };
        let value = Memo::new(move |_| {
            track_figure(doc, line, year);
            doc.with(|e| figure(e, line, year))
        });
        let value = move || value.get();
        let kind = slot_class(slot);
        view! {
            <div class=format!("hcell num total {kind}") class:pin=slot == Slot::Total style:width=px(width) data-testid=testid(line, year)
                data-value=move || value().map(data_value).unwrap_or_default()>
                {move || value().map(|v| figures.format_amount(v)).unwrap_or_default()}
            </div>
        }
    };

    view! {
        <div class="grid-head">
            <Show when=move || !transposed()>
                <div class="hrow bands">
                    <div class="hcell corner" style:width=head_w></div>
                    {bands}
                </div>
            </Show>
            <div class="hrow labels" role="row">
                <div class="hcell corner" style:width=head_w>
                    {move || if transposed() { prefs.tr("Năm", "Year") } else { prefs.tr("Nội dung", "Budget line") }}
                </div>
                <div class="pad" style:width=move || px(pads(ctx, cols_range).0)></div>
                <For each=visible key=|k| (k.0, k.1) let:k>
                    <div class=format!("hcell collabel {}", slot_class(k.2)) class:pin=k.2 == Slot::Total role="columnheader" style:width=px(k.3) title=col_label(k.2)>{col_label(k.2)}</div>
                </For>
            </div>
            <div class="hrow totals" role="row">
                <div class="hcell corner total" style:width=head_w>{move || prefs.tr("Tổng số", "Total")}</div>
                <div class="pad" style:width=move || px(pads(ctx, cols_range).0)></div>
                <For each=visible key=|k| (k.0, k.1) let:k>
                    {total_cell(k.2, k.3)}
                </For>
            </div>
        </div>
    }
}

/// Subscribes to exactly what the figure of (line part, year part) depends on: a line's row, or
/// one year's, one phase's or the grand total.
fn track_figure(doc: Document, line: Slot, year: Slot) {
    match (line, year) {
        (Slot::Line(i), _) => doc.track_row(i),
        (_, Slot::Year(y)) => doc.track_sum(Some(y), None),
        (_, Slot::Phase(p)) => doc.track_sum(None, Some(p)),
        _ => doc.track_sum(None, None),
    }
}

fn slot_class(slot: Slot) -> &'static str {
    match slot {
        Slot::Year(_) => "year",
        Slot::Phase(_) => "phase",
        Slot::Total => "sum",
        Slot::Line(_) => "line",
    }
}

/// One body row: its header cell and its visible cells. Rows are keyed by their index, so
/// scrolling builds the rows that come into view and drops those that leave (measured faster here
/// than recycling a pool of rows, whose every cell then changes class, test id and value).
#[component]
fn BodyRow(ctx: GridCtx, r: usize, cols_range: Memo<(usize, usize)>) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let Some(row_slot) = ctx.layout.with_untracked(|l| l.rows.get(r).copied()) else {
        return ().into_any();
    };
    let (is_group, depth) = match row_slot {
        Slot::Line(i) => doc.with(|e| (e.totals().is_group(i), e.plan().lines.get(i).map(|l| l.depth).unwrap_or(0))),
        _ => (false, 0),
    };
    let header = move || {
        prefs.lang.track();
        match row_slot {
            Slot::Line(i) => {
                doc.track_row(i);
                doc.with(|e| {
                    e.plan()
                        .lines
                        .get(i)
                        .map(|l| if l.code.is_empty() { l.name.clone() } else { format!("{} {}", l.code, l.name) })
                        .unwrap_or_default()
                })
            }
            other => doc.with(|e| year_label(e, other, prefs.lang.get_untracked())),
        }
    };
    let testid_head = match row_slot {
        Slot::Line(i) => Some(format!("line-name-{}", i + 1)),
        _ => None,
    };
    let head_w = ctx.layout.with_untracked(|l| l.header_w);
    view! {
        <div class="row" class:group=is_group class:subtotal=matches!(row_slot, Slot::Phase(_)) style:top=px(r as i32 * ROW_H) data-r=r
            role="row" aria-rowindex=(r + 4).to_string()>
            <div class="cell rowhead" data-c=0 data-testid=testid_head style:width=px(head_w) role="rowheader"
                style:padding-left=px(8 + depth as i32 * 18) title=header>
                {header}
            </div>
            <div class="pad" style:width=move || px(pads(ctx, cols_range).0)></div>
            <For each=move || { let (a, b) = cols_range.get(); a..b } key=|c| *c let:c>
                <BodyCell ctx c=c + 1 row_slot />
            </For>
        </div>
    }
    .into_any()
}

/// One body cell.
#[component]
fn BodyCell(ctx: GridCtx, c: usize, row_slot: Slot) -> impl IntoView {
    let doc = Document::get();
    let figures = Figures::get();
    let (col_slot, width) = ctx.layout.with_untracked(|l| {
        (l.cols.get(c - 1).copied().unwrap_or(Slot::Total), l.col_w.get(c - 1).copied().unwrap_or(TOTAL_W))
    });
    let (line, year) = ctx.layout.with_untracked(|l| l.parts(row_slot, col_slot));
    let input = doc.with(|e| editable(e, line, year));
    // The figure is read once per change; text, value and sign follow it.
    let value = Memo::new(move |_| {
        track_figure(doc, line, year);
        doc.with(|e| figure(e, line, year))
    });
    let class = format!(
        "cell num {} {}",
        slot_class(if matches!(year, Slot::Year(_)) { col_slot } else { year }),
        if input { "input" } else { "derived" }
    );
    view! {
        // The column's own width, whatever the row (a phase's subtotal row in the years-as-rows
        // view has the lines' columns, not the subtotal column's width).
        <div class=class data-c=c data-testid=testid(line, year) style:width=px(width) role="gridcell"
            class:pin=col_slot == Slot::Total
            aria-colindex=(c + 1).to_string()
            class:neg=move || value.get().is_some_and(|v| v.is_sign_negative() && !v.is_zero())
            data-value=move || value.get().map(data_value).unwrap_or_default()>
            {move || value.get().map(|v| figures.format_amount(v)).unwrap_or_default()}
        </div>
    }
}

/// The selected range and the active cell, drawn over the grid.
#[component]
fn SelectionOverlay(ctx: GridCtx) -> impl IntoView {
    let range_style = move || {
        let s = ctx.sel.get();
        let left = if s.anchor.c == 0 || s.active.c == 0 { ctx.scroll.get().1 } else { 0 };
        let (r0, r1, c0, c1) = s.bounds();
        let (x0, y0, _, _) = ctx.rect(Pos { r: r0, c: c0 }, left);
        let (x1, y1, w1, h1) = ctx.rect(Pos { r: r1, c: c1 }, left);
        format!("left:{}px;top:{}px;width:{}px;height:{}px", x0, y0, (x1 + w1 - x0).max(0), (y1 + h1 - y0).max(0))
    };
    let active_style = move || {
        let s = ctx.sel.get();
        let left = if s.active.c == 0 { ctx.scroll.get().1 } else { 0 };
        let (x, y, w, h) = ctx.rect(s.active, left);
        format!("left:{x}px;top:{y}px;width:{w}px;height:{h}px")
    };
    let multi = move || {
        let s = ctx.sel.get();
        s.anchor != s.active
    };
    view! {
        <div class="sel-range" class:multi=multi style=range_style></div>
        <div class="sel-active" data-testid="active-cell" style=active_style
             data-r=move || ctx.sel.get().active.r data-c=move || ctx.sel.get().active.c></div>
    }
}

/// The in-place editor: always focused while the grid is active, visible only while editing.
#[component]
fn CellEditor(ctx: GridCtx) -> impl IntoView {
    let style = move || {
        let s = ctx.sel.get();
        let left = if s.active.c == 0 { ctx.scroll.get().1 } else { 0 };
        let (x, y, w, h) = ctx.rect(s.active, left);
        let w = if ctx.editing.get().is_some() && s.active.c == 0 { w.max(320) } else { w };
        format!("left:{x}px;top:{y}px;width:{w}px;height:{h}px")
    };
    // Below the cell, or above it where below would leave the visible grid (the last lines).
    let error_style = move || {
        let s = ctx.sel.get();
        let (top, left_scroll) = ctx.scroll.get();
        let left = if s.active.c == 0 { left_scroll } else { 0 };
        let (x, y, _, h) = ctx.rect(s.active, left);
        let (_, view_h) = ctx.viewport.get();
        if y + h + 48 > top + view_h {
            format!("left:{x}px;top:{}px;transform:translateY(-100%)", y - 2)
        } else {
            format!("left:{x}px;top:{}px", y + h + 2)
        }
    };
    let label = move || {
        let prefs = Prefs::get();
        let a = ctx.sel.get().active;
        let lang = prefs.lang.get();
        match (ctx.line_at(a), ctx.parts_at(a)) {
            (Some(i), Some((_, Slot::Year(y)) | (Slot::Year(y), _))) => {
                crate::text!("Dòng {}, năm {y}", "Line {}, year {y}", i + 1).into_string(lang)
            }
            (Some(i), _) => crate::text!("Tên dòng {}", "Name of line {}", i + 1).into_string(lang),
            _ => prefs.tr("Ô của bảng", "Table cell").to_string(),
        }
    };
    view! {
        <input
            class="cell-editor"
            class:editing=move || ctx.editing.get().is_some()
            class:invalid=move || ctx.error.get().is_some()
            data-testid="cell-editor"
            node_ref=ctx.input
            style=style
            autocomplete="off"
            spellcheck="false"
            aria-label=label
            on:keydown=move |ev| keys::on_keydown(ctx, ev)
            on:input=move |_| ctx.error.set(None)
            on:blur=move |_| keys::on_blur(ctx)
            on:copy=move |ev| keys::on_copy(ctx, ev, false)
            on:cut=move |ev| keys::on_copy(ctx, ev, true)
            on:paste=move |ev| keys::on_paste(ctx, ev)
        />
        <Show when=move || ctx.error.get().is_some()>
            <div class="cell-error" role="alert" data-testid="cell-error" style=error_style>
                {move || ctx.error.get().unwrap_or_default()}
            </div>
        </Show>
    }
}

/// Sum and count of the numbers in the selection, for the status bar.
pub fn selection_stats(ctx: GridCtx, doc: Document) -> (rust_decimal::Decimal, usize, usize) {
    let s = ctx.sel.get();
    doc.totals.track();
    doc.structure.track();
    let (r0, r1, c0, c1) = s.bounds();
    let mut sum = rust_decimal::Decimal::ZERO;
    let mut count = 0;
    let cells = (r1 - r0 + 1) * (c1 - c0 + 1);
    doc.with(|e| {
        ctx.layout.with(|l| {
            for r in r0..=r1 {
                for c in c0.max(1)..=c1 {
                    let (Some(&row), Some(&col)) = (l.rows.get(r), l.cols.get(c - 1)) else { continue };
                    let (line, year) = l.parts(row, col);
                    if let Some(v) = figure(e, line, year) {
                        sum += v;
                        count += 1;
                    }
                }
            }
        })
    });
    (sum, count, cells)
}
