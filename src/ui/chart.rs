//! Small charts drawn by the app as SVG: the funding shares and the phase totals. Geometry is
//! computed in exact decimals and written as text; no chart library.

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::locale::format_decimal;
use crate::ui::state::{Document, Figures, Prefs};

/// Colours of the sources, in order; the unassigned rest is hatched grey.
pub const PALETTE: [&str; 8] = ["#0b5cad", "#2da44e", "#bf8700", "#8250df", "#cf222e", "#1b7c83", "#9a6700", "#57606a"];

/// `part / whole × scale`, as text with two decimals (0 when the whole is 0).
fn ratio(part: Decimal, whole: Decimal, scale: i64) -> Decimal {
    if whole.is_zero() || part.is_sign_negative() {
        return Decimal::ZERO;
    }
    (part * Decimal::from(scale)).checked_div(whole).unwrap_or_default().round_dp(2)
}

/// A stacked bar of what each source covers, and the unassigned rest.
#[component]
pub fn ShareBar() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let segments = move || {
        doc.totals.track();
        doc.funding.track();
        doc.structure.track();
        let lang = prefs.lang.get();
        doc.with(|e| {
            let split = &e.split().grand;
            let total = split.total.max(split.amounts.iter().copied().filter(|a| *a > Decimal::ZERO).sum());
            let mut x = Decimal::ZERO;
            let mut out = Vec::new();
            // Each of the first sources its own segment; the others (a draft at the limits has
            // thousands) one segment together.
            for (i, (s, a)) in e.plan().sources.iter().zip(&split.amounts).enumerate().take(SEGMENTS) {
                let w = ratio(*a, total, 100);
                out.push((x, w, PALETTE[i % PALETTE.len()].to_string(), s.name.clone(), ratio(*a, split.total, 100)));
                x += w;
            }
            if e.plan().sources.len() > SEGMENTS {
                let rest: Decimal = split.amounts.iter().skip(SEGMENTS).fold(Decimal::ZERO, |s, a| s.saturating_add(*a));
                let label = match lang {
                    crate::locale::Lang::Vi => format!("{} nguồn khác", e.plan().sources.len() - SEGMENTS),
                    crate::locale::Lang::En => format!("{} other sources", e.plan().sources.len() - SEGMENTS),
                };
                let w = ratio(rest, total, 100);
                out.push((x, w, "#8c959f".to_string(), label, ratio(rest, split.total, 100)));
                x += w;
            }
            if split.unassigned > Decimal::ZERO {
                let w = ratio(split.unassigned, total, 100);
                let label = crate::locale::label(lang, "Chưa có nguồn", "Unassigned").to_string();
                out.push((x, w, "url(#hatch)".to_string(), label, ratio(split.unassigned, split.total, 100)));
            }
            out.into_iter()
                .map(|(x, w, fill, name, pct)| {
                    let title = format!("{name}: {} %", format_decimal(pct, lang));
                    view! { <rect x=x.to_string() y="0" width=w.to_string() height="14" fill=fill><title>{title}</title></rect> }
                })
                .collect_view()
        })
    };
    let legend = move || {
        doc.funding.track();
        doc.totals.track();
        let lang = prefs.lang.get();
        doc.with(|e| {
            let split = &e.split().grand;
            e.plan()
                .sources
                .iter()
                .zip(&split.amounts)
                .enumerate()
                .take(SEGMENTS)
                .map(|(i, (s, a))| {
                    let pct = format_decimal(ratio(*a, split.total, 100), lang);
                    view! {
                        <li><span class="swatch" style:background=PALETTE[i % PALETTE.len()]></span>
                            {format!("{} — {pct} %", s.name)}</li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <svg class="share-bar" data-testid="share-chart" viewBox="0 0 100 14" preserveAspectRatio="none" role="img"
             class:over=move || {
                 doc.funding.track();
                 doc.totals.track();
                 doc.with(|e| e.split().percent_sum > Decimal::ONE_HUNDRED || e.split().grand.assigned > e.split().grand.total)
             }
             aria-label=move || prefs.tr("Tỷ lệ các nguồn", "Shares of the sources")>
            <defs>
                <pattern id="hatch" width="2" height="2" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect width="2" height="2" fill="#eaeef2"></rect>
                    <line x1="0" y1="0" x2="0" y2="2" stroke="#8c959f" stroke-width="1"></line>
                </pattern>
            </defs>
            <rect x="0" y="0" width="100" height="14" fill="#f6f8fa"></rect>
            {segments}
        </svg>
        <ul class="legend">{legend}</ul>
    }
}

/// Phases drawn as bars at most.
const BARS: usize = 40;

/// Sources drawn as a segment of their own in the share bar, and listed in its legend, at most.
const SEGMENTS: usize = 24;

/// Bars of the phase totals (and of the years outside every phase).
#[component]
pub fn PhaseChart() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let figures = Figures::get();
    let bars = move || {
        doc.totals.track();
        doc.structure.track();
        let lang = prefs.lang.get();
        doc.with(|e| {
            let t = e.totals();
            // A bar per phase up to `BARS` (a chart of a thousand bars reads as nothing and costs
            // the page a second to lay out); the panel of phases lists them all.
            let mut items: Vec<(String, Decimal)> = e
                .plan()
                .phases
                .iter()
                .enumerate()
                .take(BARS)
                .map(|(p, ph)| (ph.name.clone(), t.phase_total(p)))
                .collect();
            if !t.outside_total().is_zero() {
                items.push((crate::locale::label(lang, "Ngoài giai đoạn", "No phase").to_string(), t.outside_total()));
            }
            let max = items.iter().map(|(_, v)| *v).max().unwrap_or_default();
            let n = items.len().max(1) as i64;
            let slot = Decimal::from(100) / Decimal::from(n);
            items
                .into_iter()
                .enumerate()
                .map(|(k, (name, v))| {
                    let h = ratio(v, max, 60);
                    let x = (slot * Decimal::from(k as i64) + slot * Decimal::new(15, 2)).round_dp(2);
                    let w = (slot * Decimal::new(70, 2)).round_dp(2);
                    let y = Decimal::from(64) - h;
                    let label = figures.format_amount(v);
                    let tx = (x + w / Decimal::TWO).round_dp(2);
                    view! {
                        <g data-testid=format!("phase-bar-{}", k + 1) data-value=crate::ui::state::data_value(v)>
                            <rect x=x.to_string() y=y.to_string() width=w.to_string() height=h.to_string()
                                  fill=PALETTE[k % PALETTE.len()]><title>{format!("{name}: {label}")}</title></rect>
                            <text x=tx.to_string() y=(y - Decimal::ONE).to_string() text-anchor="middle" class="bar-value">{label}</text>
                            <text x=tx.to_string() y="72" text-anchor="middle" class="bar-label">{name}</text>
                        </g>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="panel">
            <h3>{move || prefs.tr("Kinh phí theo giai đoạn", "Budget by phase")}</h3>
            <svg class="phase-chart" data-testid="phase-chart" viewBox="0 0 100 76" role="img">{bars}</svg>
            <Show when=move || { doc.structure.track(); doc.with(|e| e.plan().phases.len() > BARS) }>
                <p class="muted" data-testid="phase-chart-more">{move || {
                    doc.structure.track();
                    let n = doc.with(|e| e.plan().phases.len());
                    let n = format_decimal(Decimal::from(n as u64), prefs.lang.get());
                    crate::text!("{BARS} giai đoạn đầu trong số {n}.", "The first {BARS} of {n} phases.").into_string(prefs.lang.get())
                }}</p>
            </Show>
        </section>
    }
}
