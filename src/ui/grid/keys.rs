//! Keyboard, editing and clipboard behaviour of the grid, following Excel's habits.

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::layout::{ROW_H, Slot, editable, figure};
use super::{EditMode, GridCtx, Pos, Selection};
use crate::diagnostic::Severity;
use crate::engine::ops::FillAlong;
use crate::engine::paste::{Anchor, Column, Fit, Overflow, Reading, paste};
use crate::engine::{AmountError, CellChange, Edit, LineMeta, parse_amount};
use crate::io::clipboard::{parse_tsv, write_tsv};
use crate::locale::Lang;
use crate::locale::Message;
use crate::model::Year;
use crate::ui::state::{Document, Notices, Prefs};

/// Where a keystroke lands: what the cell at a position lets the planner type.
enum Landing {
    /// The name of line `i`.
    Name(usize),
    /// The allocation of line `i` in a year.
    Amount(usize, Year),
    /// Nothing: a total, a subtotal or a label.
    ReadOnly,
}

fn landing_at(ctx: GridCtx, doc: Document, pos: Pos) -> Landing {
    if pos.c == 0 {
        return match ctx.layout.with_untracked(|l| (l.transposed, l.rows.get(pos.r).copied())) {
            (false, Some(Slot::Line(i))) => Landing::Name(i),
            _ => Landing::ReadOnly,
        };
    }
    match ctx.parts_at(pos) {
        Some((line @ Slot::Line(i), year @ Slot::Year(y))) if doc.with(|e| editable(e, line, year)) => {
            Landing::Amount(i, y)
        }
        _ => Landing::ReadOnly,
    }
}

/// Text of the cell at `pos` as it would be typed (no grouping), in the display unit.
fn cell_text(ctx: GridCtx, doc: Document, prefs: Prefs, pos: Pos, lang: Lang) -> String {
    match landing_at(ctx, doc, pos) {
        Landing::Name(i) => doc.with(|e| e.plan().lines.get(i).map(|l| l.name.clone()).unwrap_or_default()),
        _ => {
            if pos.c == 0 {
                return String::new();
            }
            let Some((line, year)) = ctx.parts_at(pos) else { return String::new() };
            doc.with(|e| {
                figure(e, line, year)
                    .map(|v| {
                        let unit = prefs.display_unit.get_untracked().unwrap_or(e.plan().unit);
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

/// Starts editing the active cell. `Enter` mode starts empty (the typed key fills it); `Edit`
/// mode starts with the cell's text. Returns whether the cell can be edited.
pub fn start_edit(ctx: GridCtx, mode: EditMode, initial: Option<String>) -> bool {
    let doc = Document::get();
    let prefs = Prefs::get();
    let pos = ctx.sel.get_untracked().active;
    if matches!(landing_at(ctx, doc, pos), Landing::ReadOnly) {
        return false;
    }
    let Some(input) = ctx.input.get_untracked() else { return false };
    let text = match (mode, initial) {
        (_, Some(t)) => t,
        (EditMode::Enter, None) => String::new(),
        (EditMode::Edit, None) => cell_text(ctx, doc, prefs, pos, prefs.lang.get_untracked()),
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
    let doc = Document::get();
    let prefs = Prefs::get();
    let Some(input) = ctx.input.get_untracked() else { return true };
    let text = input.value();
    let pos = ctx.sel.get_untracked().active;
    let lang = prefs.lang.get_untracked();
    match landing_at(ctx, doc, pos) {
        Landing::Name(i) => {
            if let Some((id, mut meta)) = doc.with(|e| e.plan().lines.get(i).map(|l| (l.id, LineMeta::from_line(l)))) {
                meta.name = text.trim().to_string();
                doc.apply(Edit::SetLineMeta { line: id, meta });
            }
        }
        Landing::Amount(i, year) => {
            let plan_unit = doc.with(|e| e.plan().unit);
            let typed_in = prefs.display_unit.get_untracked().unwrap_or(plan_unit);
            let value = match parse_amount(&text, lang, typed_in, plan_unit) {
                Ok(v) => Some(v),
                Err(AmountError::Empty) => None,
                Err(e) => {
                    ctx.error.set(Some(e.text(lang)));
                    return false;
                }
            };
            if let Some(id) = doc.with(|e| e.plan().lines.get(i).map(|l| l.id)) {
                doc.apply(Edit::SetCells(vec![CellChange { line: id, year, value }]));
            }
        }
        Landing::ReadOnly => {}
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
    ctx.tab_start.set_value(None);
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

/// Adds a line below the line under the cursor (at the end without one), at its depth, and
/// moves to its name; with `edit`, the name is being typed (Enter on the last line, Ctrl+Enter,
/// Insert).
pub fn add_line(ctx: GridCtx, doc: Document, prefs: Prefs, edit: bool) {
    let (index, depth, id, n) = doc.with(|e| {
        let plan = e.plan();
        let at = ctx.line_at(ctx.sel.get_untracked().active);
        let index = at.map(|i| i + 1).unwrap_or(plan.lines.len());
        let depth = at.and_then(|i| plan.lines.get(i)).map(|l| l.depth).unwrap_or(0);
        (index, depth, plan.next_id(), plan.lines.len() + 1)
    });
    let name = crate::locale::label(prefs.lang.get_untracked(), "Nội dung mới", "New line").to_string();
    let line = crate::model::BudgetLine { id, name: format!("{name} {n}"), depth, ..Default::default() };
    doc.apply(Edit::InsertLines { index, lines: vec![line] });
    let transposed = ctx.layout.with_untracked(|l| l.transposed);
    let pos = if transposed { Pos { r: 0, c: index + 1 } } else { Pos { r: index, c: 0 } };
    move_to(ctx, pos, false);
    if edit && !transposed {
        start_edit(ctx, EditMode::Enter, None);
    }
}

/// Whether `pos` is on the last budget line (years as columns).
fn on_last_line(ctx: GridCtx, doc: Document, pos: Pos) -> bool {
    let last = doc.with(|e| e.plan().lines.len()).checked_sub(1);
    ctx.layout.with_untracked(|l| !l.transposed && last.is_some() && l.rows.get(pos.r) == last.map(Slot::Line).as_ref())
}

/// Enter moves down: back to the column where the row was entered by Tab, as Excel does, and
/// past the last line a new line is added with its name being typed.
fn enter_down(ctx: GridCtx, doc: Document, prefs: Prefs, a: Pos, step: impl Fn(isize, isize) -> Pos) {
    let column = ctx.tab_start.get_value().unwrap_or(a.c);
    if on_last_line(ctx, doc, a) {
        add_line(ctx, doc, prefs, true);
        return;
    }
    let down = step(1, 0);
    move_to(ctx, Pos { r: down.r, c: column }, false);
}

/// The keyboard handler of the hidden editor input.
pub fn on_keydown(ctx: GridCtx, ev: web_sys::KeyboardEvent) {
    let doc = Document::get();
    let prefs = Prefs::get();
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
                let naming_last = a.c == 0 && on_last_line(ctx, doc, a);
                if commit_edit(ctx) {
                    if shift {
                        move_to(ctx, step(-1, 0), false);
                    } else if naming_last {
                        // The last line just named: on to its first year, and Enter after the
                        // amounts comes back to the names with a new line.
                        move_to(ctx, step(0, 1), false);
                        ctx.tab_start.set_value(Some(0));
                    } else {
                        enter_down(ctx, doc, prefs, a, step);
                    }
                }
            }
            "Tab" => {
                ev.prevent_default();
                if commit_edit(ctx) {
                    tab(ctx, a, step(0, if shift { -1 } else { 1 }));
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
        "Enter" if ctrl => {
            ev.prevent_default();
            add_line(ctx, doc, prefs, true);
        }
        "Insert" => {
            ev.prevent_default();
            add_line(ctx, doc, prefs, true);
        }
        "Enter" => {
            ev.prevent_default();
            if shift {
                move_to(ctx, step(-1, 0), false);
            } else {
                enter_down(ctx, doc, prefs, a, step);
            }
        }
        "Tab" => {
            ev.prevent_default();
            tab(ctx, a, step(0, if shift { -1 } else { 1 }));
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
        _ if ctrl && doc.history_key(&key, shift) => ev.prevent_default(),
        _ if ctrl => match key.to_lowercase().as_str() {
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

/// Tab moves along the row, remembering the column the row was entered at.
fn tab(ctx: GridCtx, from: Pos, to: Pos) {
    let start = ctx.tab_start.get_value().unwrap_or(from.c);
    move_to(ctx, to, false);
    ctx.tab_start.set_value(Some(start));
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

/// The lines and years of the grid rows `r0..=r1` and columns `c0..=c1` (computed rows and
/// columns, such as phase subtotals, left out), in the grid's order.
fn block_of(ctx: GridCtx, r0: usize, r1: usize, c0: usize, c1: usize) -> (Vec<usize>, Vec<Year>) {
    ctx.layout.with_untracked(|l| {
        let rows = (r0..=r1).filter_map(|r| l.rows.get(r).copied());
        let cols = (c0.max(1)..=c1).filter_map(|c| l.cols.get(c - 1).copied());
        let (line_slots, year_slots): (Vec<Slot>, Vec<Slot>) =
            if l.transposed { (cols.collect(), rows.collect()) } else { (rows.collect(), cols.collect()) };
        let lines = line_slots.into_iter().filter_map(|s| if let Slot::Line(i) = s { Some(i) } else { None }).collect();
        let years = year_slots.into_iter().filter_map(|s| if let Slot::Year(y) = s { Some(y) } else { None }).collect();
        (lines, years)
    })
}

/// Empties every typed cell of the selection, as one undo step ([`crate::engine::ops::clear`]).
pub fn clear_selection(ctx: GridCtx) {
    let doc = Document::get();
    let (r0, r1, c0, c1) = ctx.sel.get_untracked().bounds();
    let (lines, years) = block_of(ctx, r0, r1, c0, c1);
    let changes = doc.with(|e| crate::engine::ops::clear(e.plan(), e.totals(), &lines, &years));
    if !changes.is_empty() {
        doc.apply(Edit::SetCells(changes));
    }
}

/// Fill down (Ctrl+D) or right (Ctrl+R): the first row (column) of the selection is copied into
/// the rest; with a single cell, the cell above (left) is copied into it
/// ([`crate::engine::ops::fill`]).
pub fn fill(ctx: GridCtx, down: bool) {
    let doc = Document::get();
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
    let (lines, years) = block_of(ctx, r0, r1, c0, c1);
    // Down the grid is along the lines, unless the years are the rows.
    let transposed = ctx.layout.with_untracked(|l| l.transposed);
    let along = if down != transposed { FillAlong::Lines } else { FillAlong::Years };
    let changes = doc.with(|e| crate::engine::ops::fill(e.plan(), e.totals(), &lines, &years, along));
    if !changes.is_empty() {
        doc.apply(Edit::SetCells(changes));
    }
}

/// Copy (or cut) the selection as tab-separated text, numbers in the display unit and language.
pub fn on_copy(ctx: GridCtx, ev: web_sys::ClipboardEvent, cut: bool) {
    if ctx.editing.get_untracked().is_some() {
        return; // the input's own text
    }
    let doc = Document::get();
    let prefs = Prefs::get();
    let lang = prefs.lang.get_untracked();
    let (r0, r1, c0, c1) = ctx.sel.get_untracked().bounds();
    let rows: Vec<Vec<String>> =
        (r0..=r1).map(|r| (c0..=c1).map(|c| cell_text(ctx, doc, prefs, Pos { r, c }, lang)).collect()).collect();
    let text = write_tsv(&rows);
    if let Some(data) = ev.clipboard_data() {
        let _ = data.set_data("text/plain", &text);
        // The same cells as an HTML table (spreadsheets and Word paste it as a table), marked with
        // what each column was, so that a paste back into the grid skips the subtotals.
        let tags = write_tags(&copy_tags(ctx, r0, r1, c0, c1));
        let _ = data.set_data("text/html", &html_table(&rows, &tags));
        ev.prevent_default();
    }
    if cut {
        clear_selection(ctx);
    }
}

/// The copied cells as an HTML table carrying `tags`.
fn html_table(rows: &[Vec<String>], tags: &str) -> String {
    let escape = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let body: String = rows
        .iter()
        .map(|row| format!("<tr>{}</tr>", row.iter().map(|c| format!("<td>{}</td>", escape(c))).collect::<String>()))
        .collect();
    format!("<table {TAGS_ATTR}=\"{tags}\">{body}</table>")
}

/// A paste that reaches beyond the grid, waiting for the planner's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingPaste {
    /// The parsed block, a row per budget line (transposed from the years-as-rows view).
    pub block: Vec<Vec<String>>,
    /// What its columns were, when the grid copied it.
    pub tags: Option<Vec<Column>>,
    /// Where it goes.
    pub anchor: Anchor,
    /// What it needs.
    pub need: Overflow,
}

/// The marker of the grid's own copies in their HTML flavour: what each copied column (row, in
/// the years-as-rows view) was, so that a paste skips the subtotals it holds.
const TAGS_ATTR: &str = "data-kehoach-columns";

/// Paste a block copied from Excel, LibreOffice or the grid itself.
pub fn on_paste(ctx: GridCtx, ev: web_sys::ClipboardEvent) {
    if ctx.editing.get_untracked().is_some() {
        return;
    }
    let Some(data) = ev.clipboard_data() else { return };
    let Some(text) = data.get_data("text/plain").ok() else { return };
    ev.prevent_default();
    let tags = data.get_data("text/html").ok().and_then(|html| read_tags(&html));
    paste_text(ctx, &text, tags);
}

/// Pastes `text` at the top-left of the selection (see [`crate::engine::paste`]); a block
/// reaching past the last line or year asks first.
pub fn paste_text(ctx: GridCtx, text: &str, tags: Option<Vec<Column>>) {
    let doc = Document::get();
    let prefs = Prefs::get();
    let notices = Notices::get();
    let block = parse_tsv(text);
    if block.is_empty() {
        return;
    }
    let (r0, _, c0, _) = ctx.sel.get_untracked().bounds();
    let at = Pos { r: r0, c: c0 };
    let transposed = ctx.layout.with_untracked(|l| l.transposed);
    let block = if transposed { transpose(&block) } else { block };
    let anchor = anchor_at(ctx, doc, at);
    if let Err(need) = run_paste(doc, prefs, notices, &block, tags.as_deref(), anchor, Fit::Ask) {
        ctx.pending_paste.set(Some(PendingPaste { block, tags, anchor, need }));
    }
}

/// Applies a paste the planner answered: `Fit::Extend` adds what it needs, `Fit::Clip` pastes
/// what fits and says what it left out.
pub fn apply_paste(doc: Document, prefs: Prefs, notices: Notices, p: &PendingPaste, fit: Fit) {
    let _ = run_paste(doc, prefs, notices, &p.block, p.tags.as_deref(), p.anchor, fit);
}

fn run_paste(
    doc: Document,
    prefs: Prefs,
    notices: Notices,
    block: &[Vec<String>],
    tags: Option<&[Column]>,
    anchor: Anchor,
    fit: Fit,
) -> Result<(), Overflow> {
    let lang = prefs.lang.get_untracked();
    let pasted = doc.with(|e| {
        let unit = prefs.display_unit.get_untracked().unwrap_or(e.plan().unit);
        paste(e.plan(), e.totals(), anchor, block, tags, Reading { lang, unit }, fit)
    })?;
    doc.apply(pasted.edit);
    let mut vi = Vec::new();
    let mut en = Vec::new();
    let n = |k: usize| crate::locale::format_decimal(Decimal::from(k as u64), lang);
    if !pasted.not_numbers.is_empty() {
        let k = pasted.not_numbers.len();
        vi.push(format!("{} ô không phải là số (hoặc quá lớn)", n(k)));
        en.push(format!("{} {} not a number (or too large)", n(k), if k == 1 { "cell was" } else { "cells were" }));
    }
    if pasted.beyond > 0 {
        vi.push(format!("{} ô nằm ngoài bảng", n(pasted.beyond)));
        en.push(format!(
            "{} {} beyond the table",
            n(pasted.beyond),
            if pasted.beyond == 1 { "cell was" } else { "cells were" }
        ));
    }
    if pasted.on_groups > 0 {
        vi.push(format!("{} ô rơi vào dòng nhóm (tổng của các dòng con)", n(pasted.on_groups)));
        en.push(format!(
            "{} {} on a group line (the sum of its children)",
            n(pasted.on_groups),
            if pasted.on_groups == 1 { "cell fell" } else { "cells fell" }
        ));
    }
    if !vi.is_empty() {
        notices.push(
            Severity::Warning,
            crate::locale::Text::new(
                format!("Đã dán {} ô; không dán: {}.", n(pasted.written), vi.join("; ")),
                format!("{} cells pasted; left out: {}.", n(pasted.written), en.join("; ")),
            ),
        );
    }
    Ok(())
}

/// Where a paste at grid position `at` lands in the plan.
fn anchor_at(ctx: GridCtx, doc: Document, at: Pos) -> Anchor {
    ctx.layout.with_untracked(|l| {
        doc.with(|e| {
            let plan = e.plan();
            let row_slot = l.rows.get(at.r).copied();
            let col_slot = if at.c == 0 { None } else { l.cols.get(at.c - 1).copied() };
            let (line_slot, year_slot) = if l.transposed { (col_slot, row_slot) } else { (row_slot, col_slot) };
            let line = match line_slot {
                Some(Slot::Line(i)) => i,
                _ => plan.lines.len(),
            };
            if !l.transposed && at.c == 0 {
                return Anchor::Names { line };
            }
            let columns = e.totals().columns();
            let beyond = columns.last().copied().unwrap_or(plan.period.last).max(plan.period.last) + 1;
            let year = match year_slot {
                Some(Slot::Year(y)) => y,
                // A phase subtotal: the year after it.
                Some(Slot::Phase(p)) => columns.iter().copied().find(|&y| plan.phase_of(y) > Some(p)).unwrap_or(beyond),
                _ => beyond,
            };
            Anchor::Year { line, year }
        })
    })
}

/// Rows become columns.
fn transpose(block: &[Vec<String>]) -> Vec<Vec<String>> {
    let width = block.iter().map(Vec::len).max().unwrap_or(0);
    (0..width).map(|c| block.iter().map(|row| row.get(c).cloned().unwrap_or_default()).collect()).collect()
}

/// What each column (row, years as rows) of the copied area is.
fn copy_tags(ctx: GridCtx, r0: usize, r1: usize, c0: usize, c1: usize) -> Vec<Column> {
    ctx.layout.with_untracked(|l| {
        let tag = |slot: Option<Slot>| match slot {
            Some(Slot::Year(y)) => Column::Year(y),
            _ => Column::Computed,
        };
        if l.transposed {
            (r0..=r1).map(|r| tag(l.rows.get(r).copied())).collect()
        } else {
            (c0..=c1).map(|c| if c == 0 { Column::Names } else { tag(l.cols.get(c - 1).copied()) }).collect()
        }
    })
}

/// The tags as the HTML attribute's value: `N 2013 2014 - 2015`.
fn write_tags(tags: &[Column]) -> String {
    let words: Vec<String> = tags
        .iter()
        .map(|t| match t {
            Column::Names => "N".to_string(),
            Column::Year(y) => y.to_string(),
            Column::Computed => "-".to_string(),
        })
        .collect();
    words.join(" ")
}

/// The tags of a pasted HTML flavour written by [`on_copy`], if it is one.
fn read_tags(html: &str) -> Option<Vec<Column>> {
    let start = html.find(TAGS_ATTR)? + TAGS_ATTR.len();
    let rest = html.get(start..)?.strip_prefix("=\"")?;
    let value = rest.get(..rest.find('"')?)?;
    value
        .split(' ')
        .map(|w| match w {
            "N" => Some(Column::Names),
            "-" => Some(Column::Computed),
            y => y.parse().ok().map(Column::Year),
        })
        .collect()
}
