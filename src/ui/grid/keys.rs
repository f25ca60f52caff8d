//! Keyboard, editing and clipboard behaviour of the grid, following Excel's habits.

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::layout::{ROW_H, Slot, editable, figure};
use super::{EditMode, GridCtx, Pos, Selection};
use crate::engine::{CellChange, Edit, LineMeta};
use crate::io::clipboard::{parse_tsv, write_tsv};
use crate::locale::{Lang, parse_number};
use crate::model::{BudgetLine, Year};
use crate::ui::state::Workbench;

/// What the cell at a position lets the planner type.
enum Target {
    /// The name of line `i`.
    Name(usize),
    /// The allocation of line `i` in a year.
    Amount(usize, Year),
    /// Nothing: a total, a subtotal or a label.
    ReadOnly,
}

fn target_at(ctx: GridCtx, ws: Workbench, pos: Pos) -> Target {
    if pos.c == 0 {
        return match ctx.layout.with_untracked(|l| (l.transposed, l.rows.get(pos.r).copied())) {
            (false, Some(Slot::Line(i))) => Target::Name(i),
            _ => Target::ReadOnly,
        };
    }
    match ctx.parts_at(pos) {
        Some((line @ Slot::Line(i), year @ Slot::Year(y))) if ws.with(|e| editable(e, line, year)) => {
            Target::Amount(i, y)
        }
        _ => Target::ReadOnly,
    }
}

/// Text of the cell at `pos` as it would be typed (no grouping), in the display unit.
fn cell_text(ctx: GridCtx, ws: Workbench, pos: Pos, lang: Lang) -> String {
    match target_at(ctx, ws, pos) {
        Target::Name(i) => ws.with(|e| e.plan().lines.get(i).map(|l| l.name.clone()).unwrap_or_default()),
        _ => {
            if pos.c == 0 {
                return String::new();
            }
            let Some((line, year)) = ctx.parts_at(pos) else { return String::new() };
            ws.with(|e| {
                figure(e, line, year)
                    .map(|v| {
                        let unit = ws.display_unit.get_untracked().unwrap_or(e.plan().unit);
                        plain_number(e.plan().unit.convert(v, unit), lang)
                    })
                    .unwrap_or_default()
            })
        }
    }
}

/// A number as typed: the language's decimal mark, no grouping.
fn plain_number(v: Decimal, lang: Lang) -> String {
    let s = v.normalize().to_string();
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s,
    }
}

/// The message for an amount beyond a million tỷ đồng.
pub fn too_large(lang: Lang) -> String {
    lang.pick(
        "Số quá lớn: một khoản kinh phí phải nhỏ hơn một triệu tỷ đồng.",
        "Too large: an amount must stay below a million billion VND.",
    )
    .to_string()
}

/// Starts editing the active cell. `Enter` mode starts empty (the typed key fills it); `Edit`
/// mode starts with the cell's text. Returns whether the cell can be edited.
pub fn start_edit(ctx: GridCtx, mode: EditMode, initial: Option<String>) -> bool {
    let ws = Workbench::get();
    let pos = ctx.sel.get_untracked().active;
    if matches!(target_at(ctx, ws, pos), Target::ReadOnly) {
        return false;
    }
    let Some(input) = ctx.input.get_untracked() else { return false };
    let text = match (mode, initial) {
        (_, Some(t)) => t,
        (EditMode::Enter, None) => String::new(),
        (EditMode::Edit, None) => cell_text(ctx, ws, pos, ws.lang.get_untracked()),
    };
    input.set_value(&text);
    ctx.error.set(None);
    ctx.editing.set(Some(mode));
    ctx.focus();
    true
}

/// Commits the text being edited. Returns `false` (and shows why) when it is not a number.
pub fn commit_edit(ctx: GridCtx) -> bool {
    if ctx.editing.get_untracked().is_none() {
        return true;
    }
    let ws = Workbench::get();
    let Some(input) = ctx.input.get_untracked() else { return true };
    let text = input.value();
    let pos = ctx.sel.get_untracked().active;
    let lang = ws.lang.get_untracked();
    match target_at(ctx, ws, pos) {
        Target::Name(i) => {
            if let Some((id, mut meta)) = ws.with(|e| e.plan().lines.get(i).map(|l| (l.id, LineMeta::from_line(l)))) {
                meta.name = text.trim().to_string();
                ws.apply(Edit::SetLineMeta { line: id, meta });
            }
        }
        Target::Amount(i, year) => {
            let value = match parse_number(&text, lang) {
                Ok(v) if !ws.with(|e| e.plan().unit).accepts(ws.typed_to_plan_unit(v)) => {
                    ctx.error.set(Some(too_large(lang)));
                    return false;
                }
                Ok(v) => Some(ws.typed_to_plan_unit(v)),
                Err(crate::locale::NumberError::Empty) => None,
                Err(e) => {
                    ctx.error.set(Some(e.message(lang)));
                    return false;
                }
            };
            if let Some(id) = ws.with(|e| e.plan().lines.get(i).map(|l| l.id)) {
                ws.apply(Edit::SetCells(vec![CellChange { line: id, year, value }]));
            }
        }
        Target::ReadOnly => {}
    }
    finish_edit(ctx);
    true
}

fn finish_edit(ctx: GridCtx) {
    if let Some(input) = ctx.input.get_untracked() {
        input.set_value("");
    }
    ctx.error.set(None);
    ctx.editing.set(None);
}

/// Leaves the edit without changing anything.
pub fn cancel_edit(ctx: GridCtx) {
    finish_edit(ctx);
}

/// Moves the cursor to `pos` (clamped), extending the selection when `extend`, and scrolls it
/// into view.
pub fn move_to(ctx: GridCtx, pos: Pos, extend: bool) {
    let (nr, nc) = ctx.layout.with_untracked(|l| (l.rows.len(), l.cols.len()));
    if nr == 0 {
        return;
    }
    let pos = Pos { r: pos.r.min(nr - 1), c: pos.c.min(nc) };
    ctx.sel.update(|s| {
        if extend {
            s.active = pos;
        } else {
            *s = Selection::single(pos);
        }
    });
    scroll_into_view(ctx, pos);
}

fn scroll_into_view(ctx: GridCtx, pos: Pos) {
    let Some(el) = ctx.scroller.get_untracked() else { return };
    let (head_h, header_w, x, w) = ctx.layout.with_untracked(|l| {
        let i = pos.c.saturating_sub(1);
        (l.head_h(), l.header_w, l.col_x.get(i).copied().unwrap_or(0), l.col_w.get(i).copied().unwrap_or(0))
    });
    let (top, h) = (el.scroll_top(), el.client_height() - head_h);
    // Body coordinates: row r starts at r × ROW_H below the sticky header.
    let y = pos.r as i32 * ROW_H;
    if y < top {
        el.set_scroll_top(y);
    } else if y + ROW_H > top + h {
        el.set_scroll_top(y + ROW_H - h);
    }
    if pos.c > 0 {
        let (left, cw) = (el.scroll_left(), el.client_width() - header_w);
        if x < left {
            el.set_scroll_left(x);
        } else if x + w > left + cw {
            el.set_scroll_left(x + w - cw);
        }
    }
    ctx.scroll.set((el.scroll_top(), el.scroll_left()));
}

fn page_rows(ctx: GridCtx) -> usize {
    let (_, h) = ctx.viewport.get_untracked();
    let head = ctx.layout.with_untracked(|l| l.head_h());
    (((h - head) / ROW_H).max(1)) as usize
}

/// The keyboard handler of the hidden editor input.
pub fn on_keydown(ctx: GridCtx, ev: web_sys::KeyboardEvent) {
    let ws = Workbench::get();
    let key = ev.key();
    let ctrl = ev.ctrl_key() || ev.meta_key();
    let shift = ev.shift_key();
    let s = ctx.sel.get_untracked();
    let a = s.active;
    let (nr, nc) = ctx.layout.with_untracked(|l| (l.rows.len(), l.cols.len()));
    let step = |dr: isize, dc: isize| Pos {
        r: (a.r as isize + dr).clamp(0, nr.saturating_sub(1) as isize) as usize,
        c: (a.c as isize + dc).clamp(0, nc as isize) as usize,
    };

    if let Some(mode) = ctx.editing.get_untracked() {
        let arrow = matches!(key.as_str(), "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight");
        match key.as_str() {
            "Enter" => {
                ev.prevent_default();
                if commit_edit(ctx) {
                    move_to(ctx, step(if shift { -1 } else { 1 }, 0), false);
                }
            }
            "Tab" => {
                ev.prevent_default();
                if commit_edit(ctx) {
                    move_to(ctx, step(0, if shift { -1 } else { 1 }), false);
                }
            }
            "Escape" => {
                ev.prevent_default();
                cancel_edit(ctx);
            }
            _ if arrow && mode == EditMode::Enter => {
                ev.prevent_default();
                if commit_edit(ctx) {
                    let (dr, dc) = arrow_delta(&key);
                    move_to(ctx, step(dr, dc), false);
                }
            }
            _ => {}
        }
        return;
    }

    match key.as_str() {
        "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" => {
            ev.prevent_default();
            let (dr, dc) = arrow_delta(&key);
            let pos = if ctrl {
                Pos {
                    r: if dr < 0 {
                        0
                    } else if dr > 0 {
                        nr.saturating_sub(1)
                    } else {
                        a.r
                    },
                    c: if dc < 0 {
                        0
                    } else if dc > 0 {
                        nc
                    } else {
                        a.c
                    },
                }
            } else {
                step(dr, dc)
            };
            move_to(ctx, pos, shift);
        }
        "Enter" => {
            ev.prevent_default();
            move_to(ctx, step(if shift { -1 } else { 1 }, 0), false);
        }
        "Tab" => {
            ev.prevent_default();
            move_to(ctx, step(0, if shift { -1 } else { 1 }), false);
        }
        "Home" => {
            ev.prevent_default();
            move_to(ctx, Pos { r: if ctrl { 0 } else { a.r }, c: 0 }, shift);
        }
        "End" => {
            ev.prevent_default();
            move_to(ctx, Pos { r: if ctrl { nr.saturating_sub(1) } else { a.r }, c: nc }, shift);
        }
        "PageDown" | "PageUp" => {
            ev.prevent_default();
            let n = page_rows(ctx) as isize;
            move_to(ctx, step(if key == "PageDown" { n } else { -n }, 0), shift);
        }
        "F2" => {
            ev.prevent_default();
            start_edit(ctx, EditMode::Edit, None);
        }
        "Delete" | "Backspace" => {
            ev.prevent_default();
            clear_selection(ctx);
        }
        "Escape" => {
            ctx.sel.update(|s| s.anchor = s.active);
        }
        _ if ctrl => match key.to_lowercase().as_str() {
            "z" if shift => {
                ev.prevent_default();
                ws.redo();
            }
            "z" => {
                ev.prevent_default();
                ws.undo();
            }
            "y" => {
                ev.prevent_default();
                ws.redo();
            }
            "d" => {
                ev.prevent_default();
                fill(ctx, true);
            }
            "r" => {
                ev.prevent_default();
                fill(ctx, false);
            }
            "a" => {
                ev.prevent_default();
                ctx.sel.set(Selection { anchor: Pos { r: 0, c: 1 }, active: Pos { r: nr.saturating_sub(1), c: nc } });
            }
            // Ctrl+C, Ctrl+X and Ctrl+V arrive as clipboard events on the input.
            _ => {}
        },
        k if !ev.alt_key() && (k.chars().count() == 1 || k == "Process" || k == "Unidentified")
            // Typing over the cell: the key's own character lands in the emptied input.
            && !start_edit(ctx, EditMode::Enter, None) =>
        {
            ev.prevent_default();
        }
        _ => {}
    }
}

fn arrow_delta(key: &str) -> (isize, isize) {
    match key {
        "ArrowUp" => (-1, 0),
        "ArrowDown" => (1, 0),
        "ArrowLeft" => (0, -1),
        _ => (0, 1),
    }
}

/// Commits a pending edit when the focus leaves the grid (a refused text stays to be fixed).
pub fn on_blur(ctx: GridCtx) {
    if ctx.editing.get_untracked().is_some() {
        commit_edit(ctx);
    }
}

/// Empties every typed cell of the selection, as one undo step.
pub fn clear_selection(ctx: GridCtx) {
    let ws = Workbench::get();
    let (r0, r1, c0, c1) = ctx.sel.get_untracked().bounds();
    let mut changes = Vec::new();
    for r in r0..=r1 {
        for c in c0.max(1)..=c1 {
            if let Target::Amount(i, year) = target_at(ctx, ws, Pos { r, c })
                && let Some(line) =
                    ws.with(|e| e.plan().lines.get(i).filter(|l| l.amounts.contains_key(&year)).map(|l| l.id))
            {
                changes.push(CellChange { line, year, value: None });
            }
        }
    }
    if !changes.is_empty() {
        ws.apply(Edit::SetCells(changes));
    }
}

/// Fill down (Ctrl+D) or right (Ctrl+R): the first row (column) of the selection is copied into
/// the rest; with a single cell, the cell above (left) is copied into it.
pub fn fill(ctx: GridCtx, down: bool) {
    let ws = Workbench::get();
    let (mut r0, r1, mut c0, c1) = ctx.sel.get_untracked().bounds();
    if down && r0 == r1 {
        if r0 == 0 {
            return;
        }
        r0 -= 1;
    }
    if !down && c0 == c1 {
        if c0 <= 1 {
            return;
        }
        c0 -= 1;
    }
    let mut changes = Vec::new();
    for r in r0..=r1 {
        for c in c0.max(1)..=c1 {
            let source = if down { Pos { r: r0, c } } else { Pos { r, c: c0 } };
            if source == (Pos { r, c }) {
                continue;
            }
            let Target::Amount(i, year) = target_at(ctx, ws, Pos { r, c }) else { continue };
            let value = ctx.parts_at(source).and_then(|(l, y)| ws.with(|e| figure(e, l, y)));
            if let Some(line) = ws.with(|e| e.plan().lines.get(i).map(|l| l.id)) {
                changes.push(CellChange { line, year, value });
            }
        }
    }
    if !changes.is_empty() {
        ws.apply(Edit::SetCells(changes));
    }
}

/// Copy (or cut) the selection as tab-separated text, numbers in the display unit and language.
pub fn on_copy(ctx: GridCtx, ev: web_sys::ClipboardEvent, cut: bool) {
    if ctx.editing.get_untracked().is_some() {
        return; // the input's own text
    }
    let ws = Workbench::get();
    let lang = ws.lang.get_untracked();
    let (r0, r1, c0, c1) = ctx.sel.get_untracked().bounds();
    let rows: Vec<Vec<String>> =
        (r0..=r1).map(|r| (c0..=c1).map(|c| cell_text(ctx, ws, Pos { r, c }, lang)).collect()).collect();
    let text = write_tsv(&rows);
    if let Some(data) = ev.clipboard_data() {
        let _ = data.set_data("text/plain", &text);
        ev.prevent_default();
    }
    if cut {
        clear_selection(ctx);
    }
}

/// A paste that reaches beyond the grid, waiting for the planner's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingPaste {
    /// The parsed block.
    pub block: Vec<Vec<String>>,
    /// Where it goes.
    pub at: Pos,
    /// Lines that would have to be added.
    pub extra_lines: usize,
    /// Years that would have to be added.
    pub extra_years: usize,
}

/// Paste a block copied from Excel, LibreOffice or the grid itself.
pub fn on_paste(ctx: GridCtx, ev: web_sys::ClipboardEvent) {
    if ctx.editing.get_untracked().is_some() {
        return;
    }
    let Some(text) = ev.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) else {
        return;
    };
    ev.prevent_default();
    paste_text(ctx, &text);
}

/// Pastes `text` at the top-left of the selection. Columns (rows when years are rows) of the
/// block go to consecutive years, skipping subtotal columns; a block reaching past the last line
/// or year asks first.
pub fn paste_text(ctx: GridCtx, text: &str) {
    let ws = Workbench::get();
    let block = parse_tsv(text);
    if block.is_empty() {
        return;
    }
    let (r0, _, c0, _) = ctx.sel.get_untracked().bounds();
    let at = Pos { r: r0, c: c0 };
    let (extra_lines, extra_years) = overflow(ctx, ws, at, &block);
    if extra_lines > 0 || extra_years > 0 {
        PENDING.with(|p| {
            if let Some(sig) = p.get() {
                sig.set(Some(PendingPaste { block, at, extra_lines, extra_years }));
            }
        });
        return;
    }
    apply_paste(ctx, ws, &block, at, false);
}

thread_local! {
    static PENDING: std::cell::Cell<Option<RwSignal<Option<PendingPaste>>>> = const { std::cell::Cell::new(None) };
}

/// Registers the signal that holds a paste waiting for confirmation.
pub fn register_pending(sig: RwSignal<Option<PendingPaste>>) {
    PENDING.with(|p| p.set(Some(sig)));
}

/// Where a block lands: the line indices and years for its rows and columns, as far as they exist.
fn targets(
    ctx: GridCtx,
    ws: Workbench,
    at: Pos,
    rows: usize,
    cols: usize,
) -> (Vec<Option<usize>>, Vec<Option<Year>>, bool) {
    ctx.layout.with_untracked(|l| {
        let (line_count, columns) = ws.with(|e| (e.plan().lines.len(), e.totals().columns().to_vec()));
        // Position along each axis of the anchor.
        let row_slot = l.rows.get(at.r).copied();
        let col_slot = if at.c == 0 { None } else { l.cols.get(at.c - 1).copied() };
        let (line_slot, year_slot, names) =
            if l.transposed { (col_slot, row_slot, false) } else { (row_slot, col_slot, at.c == 0) };
        let (n_lines, n_years) = if l.transposed { (cols, rows) } else { (rows, cols) };
        let first_line = match line_slot {
            Some(Slot::Line(i)) => i,
            _ => line_count,
        };
        let lines = (0..n_lines).map(|k| Some(first_line + k).filter(|&i| i < line_count)).collect();
        // Years: consecutive year columns from the anchor's (or the next one after a subtotal).
        let first_year_col = match year_slot {
            Some(Slot::Year(y)) => columns.iter().position(|&c| c == y).unwrap_or(columns.len()),
            Some(Slot::Phase(p)) => {
                columns.iter().position(|&c| ws.with(|e| e.plan().phase_of(c)) > Some(p)).unwrap_or(columns.len())
            }
            _ => columns.len(),
        };
        let skip = if names { 1 } else { 0 };
        let years = (0..n_years)
            .map(|k| if k < skip { None } else { columns.get(first_year_col + k - skip).copied() })
            .collect();
        (lines, years, names)
    })
}

fn overflow(ctx: GridCtx, ws: Workbench, at: Pos, block: &[Vec<String>]) -> (usize, usize) {
    let rows = block.len();
    let cols = block.iter().map(Vec::len).max().unwrap_or(0);
    let (lines, years, names) = targets(ctx, ws, at, rows, cols);
    let missing_lines = lines.iter().filter(|l| l.is_none()).count();
    let missing_years = years.iter().enumerate().filter(|(k, y)| y.is_none() && !(names && *k == 0)).count();
    (missing_lines, missing_years)
}

/// Applies a paste as one undo step; with `extend`, first adds the lines and years it needs.
pub fn apply_paste(ctx: GridCtx, ws: Workbench, block: &[Vec<String>], at: Pos, extend: bool) {
    let lang = ws.lang.get_untracked();
    let rows = block.len();
    let cols = block.iter().map(Vec::len).max().unwrap_or(0);
    let mut edits = Vec::new();
    let (mut lines, mut years, names) = targets(ctx, ws, at, rows, cols);
    let transposed = ctx.layout.with_untracked(|l| l.transposed);
    if extend {
        let mut plan = ws.with(|e| e.plan().clone());
        for (next, slot) in (plan.next_id().0..).zip(lines.iter_mut().filter(|l| l.is_none())) {
            let line = BudgetLine { id: crate::model::ItemId(next), ..Default::default() };
            plan.lines.push(line.clone());
            edits.push(Edit::InsertLine { index: plan.lines.len() - 1, line });
            *slot = Some(plan.lines.len() - 1);
        }
        let mut last =
            plan.period.last.max(ws.with(|e| e.totals().columns().last().copied().unwrap_or(plan.period.last)));
        let missing = years.iter().enumerate().filter(|(k, y)| y.is_none() && !(names && *k == 0)).count();
        if missing > 0 {
            let mut meta = crate::engine::PlanMeta::of(&plan);
            for (k, y) in years.iter_mut().enumerate() {
                if y.is_none() && !(names && k == 0) {
                    last += 1;
                    *y = Some(last);
                }
            }
            meta.period.last = last;
            edits.push(Edit::SetMeta(Box::new(meta)));
        }
    }
    let ids: Vec<Option<crate::model::ItemId>> =
        ws.with(|e| lines.iter().map(|l| l.and_then(|i| e.plan().lines.get(i).map(|x| x.id))).collect());
    let new_ids: Vec<Option<crate::model::ItemId>> = edits
        .iter()
        .filter_map(|e| match e {
            Edit::InsertLine { line, .. } => Some(Some(line.id)),
            _ => None,
        })
        .collect();
    let mut new_iter = new_ids.into_iter();
    let ids: Vec<Option<crate::model::ItemId>> = ids
        .into_iter()
        .zip(lines.iter())
        .map(|(id, l)| id.or_else(|| if l.is_some() { new_iter.next().flatten() } else { None }))
        .collect();
    let mut changes = Vec::new();
    let mut refused = 0;
    for (dr, row) in block.iter().enumerate() {
        for (dc, cell) in row.iter().enumerate() {
            let (li, yi) = if transposed { (dc, dr) } else { (dr, dc) };
            let Some(Some(line)) = ids.get(li).copied() else { continue };
            if names && yi == 0 && !transposed {
                let i = lines[li].unwrap_or(0);
                let mut meta = ws.with(|e| e.plan().lines.get(i).map(LineMeta::from_line)).unwrap_or_default();
                meta.name = cell.trim().to_string();
                edits.push(Edit::SetLineMeta { line, meta });
                continue;
            }
            let Some(Some(year)) = years.get(yi).copied() else { continue };
            let group = ws.with(|e| e.row_of(line).is_some_and(|r| e.totals().is_group(r)));
            if group {
                continue;
            }
            match parse_number(cell, lang) {
                Ok(v) if !ws.with(|e| e.plan().unit).accepts(ws.typed_to_plan_unit(v)) => refused += 1,
                Ok(v) => changes.push(CellChange { line, year, value: Some(ws.typed_to_plan_unit(v)) }),
                Err(crate::locale::NumberError::Empty) => changes.push(CellChange { line, year, value: None }),
                Err(_) => refused += 1,
            }
        }
    }
    edits.push(Edit::SetCells(changes));
    ws.apply(Edit::Batch(edits));
    if refused > 0 {
        ws.notice(
            "warning",
            format!("{refused} ô dán không phải là số nên đã bỏ qua."),
            format!("{refused} pasted cells were not numbers and were skipped."),
        );
    }
}
