//! The funding panel: sources with their share or amount, what each covers per phase and in
//! total, the unassigned rest, and a bar of the shares.

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::engine::{AmountError, Edit, SourceChange, parse_amount};
use crate::locale::Message;
use crate::locale::Text;
use crate::locale::{format_decimal, parse_percent};
use crate::model::{FundingSource, ShareRule, SourceKind};
use crate::ui::chart::ShareBar;
use crate::ui::field::Field;
use crate::ui::state::{Document, Figures, MoreRows, Prefs, SHOWN_PHASE_COLUMNS, SHOWN_ROWS, data_value};

/// Changes source `i` (by its id) as `changes` says, as one edit merged per field `key`.
fn update_source(
    doc: Document,
    i: usize,
    key: &str,
    changes: impl FnOnce(&FundingSource) -> Vec<SourceChange>,
) -> Result<(), Text> {
    let edit = doc.with(|e| {
        let s = e.plan().sources.get(i)?;
        let id = s.id;
        let mut edits: Vec<Edit> = changes(s).into_iter().map(|change| Edit::SetSource { id, change }).collect();
        Some(if edits.len() == 1 { edits.remove(0) } else { Edit::Batch(edits) })
    });
    match edit {
        Some(edit) => doc.apply_merging(edit, key),
        None => Ok(()),
    }
}

/// The funding panel.
#[component]
pub fn FundingPanel() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let figures = Figures::get();
    let count = move || {
        doc.funding.track();
        doc.structure.track();
        doc.with(|e| e.plan().sources.len())
    };
    let add = move |_| {
        let (id, n) = doc.with(|e| (e.plan().next_id(), e.plan().sources.len()));
        let lang = prefs.lang.get_untracked();
        // Offer the usual pair first: central budget, then local budget.
        let kind = match n {
            0 => SourceKind::CentralBudget,
            1 => SourceKind::LocalBudget,
            _ => SourceKind::Other,
        };
        let name = kind.name().into_string(lang);
        let source = FundingSource { id, name, kind, rule: ShareRule::percent(Decimal::ZERO), ..Default::default() };
        doc.apply(Edit::InsertSource { index: n, source });
    };
    let unassigned = move || {
        doc.totals.track();
        doc.funding.track();
        doc.structure.track();
        doc.with(|e| e.split().grand.unassigned)
    };
    let percent_sum = move || {
        doc.funding.track();
        doc.with(|e| e.split().percent_sum)
    };
    let shown = RwSignal::new(SHOWN_ROWS);
    // Shares beyond 100 %, or sources given more than the plan holds: said where it shows.
    let over = move || {
        doc.totals.track();
        doc.funding.track();
        doc.with(|e| {
            let s = e.split();
            (s.percent_sum > Decimal::ONE_HUNDRED || s.grand.assigned > s.grand.total).then_some((
                s.percent_sum,
                s.grand.assigned,
                s.grand.total,
            ))
        })
    };

    view! {
        <section class="panel funding" data-testid="funding">
            <h3>{move || prefs.tr("Nguồn kinh phí", "Funding sources")}</h3>
            <table class="sources">
                <thead>
                    <tr>
                        <th>{move || prefs.tr("Nguồn, cách tính", "Source, rule")}</th>
                        <th class="num">{move || prefs.tr("Tỷ lệ", "Share")}</th>
                        <th class="num">{move || prefs.tr("Thành tiền", "Amount")}</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || { let n = count(); (0..n.min(shown.get())).map(move |i| (doc.structure.get_untracked(), n, i)) } key=|k| *k let:k>
                        <SourceRow i=k.2 />
                    </For>
                    <tr class="unassigned">
                        <td>{move || prefs.tr("Chưa có nguồn", "Unassigned")}</td>
                        <td class="num" data-testid="source-percent-sum" data-value=move || data_value(percent_sum())
                            class:over=move || over().is_some()>
                            {move || format!("Σ {} %", format_decimal(percent_sum(), prefs.lang.get()))}
                        </td>
                        <td class="num" data-testid="source-unassigned" data-value=move || data_value(unassigned())
                            class:warn=move || !unassigned().is_zero()>
                            {move || figures.format_amount(unassigned())}
                        </td>
                        <td></td>
                    </tr>
                </tbody>
            </table>
            {move || over().map(|(percent, assigned, total)| {
                let lang = prefs.lang.get();
                let (p, a, t) = (format_decimal(percent, lang), figures.format_amount(assigned), figures.format_amount(total));
                let text = crate::text!("Các nguồn vượt quá kế hoạch: tổng tỷ lệ {p} %, phân {a} trên tổng {t}. Hãy giảm tỷ lệ hoặc số tiền cố định.", "The sources exceed the plan: shares add up to {p} %, {a} given of a total of {t}. Lower a share or a fixed amount.").into_string(lang);
                view! { <p class="sources-over" role="alert" data-testid="sources-over">{text}</p> }
            })}
            <MoreRows count=Signal::derive(count) shown testid="sources-more" vi="nguồn" en="sources" />
            <button data-testid="source-add" on:click=add>{move || prefs.tr("+ Thêm nguồn", "+ Add source")}</button>
            <ShareBar />
            <ByPhase />
        </section>
    }
}

/// What each source covers in each phase, and what is left. A percent source's share can differ
/// per phase: typing in a phase's share overrides the plan-wide one there (empty: back to it).
#[component]
fn ByPhase() -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let figures = Figures::get();
    let dims = Memo::new(move |_| {
        doc.structure.track();
        doc.funding.track();
        doc.with(|e| (e.plan().phases.len(), e.plan().sources.len()))
    });
    let amount = move |testid: String,
                       get: fn(&crate::engine::FundingSplit, usize, usize) -> Decimal,
                       i: usize,
                       p: usize| {
        let v = Memo::new(move |_| {
            doc.totals.track();
            doc.funding.track();
            doc.structure.track();
            doc.with(|e| get(e.split(), i, p))
        });
        view! { <span class="amount" data-testid=testid data-value=move || data_value(v.get())>{move || figures.format_amount(v.get())}</span> }
    };
    let share_field = move |i: usize, p: usize| {
        let n = i + 1;
        let source = move || {
            doc.funding.track();
            doc.structure.track();
            doc.with(|e| (e.plan().sources.get(i).cloned(), e.plan().phases.get(p).map(|ph| ph.id)))
        };
        let is_percent = move || matches!(source().0.map(|s| s.rule), Some(ShareRule::Percent { .. }));
        let value = Signal::derive(move || match source() {
            (Some(s), Some(id)) => match s.phase_rules.get(&id) {
                Some(ShareRule::Percent { value }) => format_decimal(*value, prefs.lang.get()),
                _ => String::new(),
            },
            _ => String::new(),
        });
        let placeholder = Signal::derive(move || match source().0.map(|s| s.rule) {
            Some(ShareRule::Percent { value }) => format!("{} %", format_decimal(value, prefs.lang.get())),
            _ => String::new(),
        });
        let fixed = move || match source() {
            (Some(s), Some(id)) => matches!(s.phase_rules.get(&id), Some(ShareRule::Amount { .. })),
            _ => false,
        };
        view! {
            <Show when=fixed>
                <span class="muted phase-fixed" data-testid=format!("source-phase-fixed-{n}-{}", p + 1)
                    title=move || prefs.tr("Số tiền cố định của giai đoạn (cộng từ các đơn vị)", "A fixed amount for this phase (the units' sum)")>
                    {move || prefs.tr("cố định", "fixed")}</span>
            </Show>
            <Show when=move || is_percent() && !fixed()>
                <Field testid=format!("source-phase-share-{n}-{}", p + 1) value placeholder numeric=true class="phase-share"
                    label=Signal::derive(move || prefs.tr("Tỷ lệ riêng của giai đoạn (%)", "Share in this phase (%)").to_string())
                    on_input=move |text: String| {
                        let lang = prefs.lang.get_untracked();
                        let Some(phase) = doc.with(|e| e.plan().phases.get(p).map(|ph| ph.id)) else { return Ok(()) };
                        let rule = if text.trim().is_empty() {
                            None
                        } else {
                            Some(parse_percent(&text, lang).map_err(|e| e.to_text())?)
                        };
                        let rule = rule.map(ShareRule::percent);
                        update_source(doc, i, &format!("source-phase-share-{n}-{p}"), |_| {
                            vec![SourceChange::PhaseRule { phase, rule }]
                        })
                    } />
            </Show>
        }
    };
    let rows = move || {
        let (phases, sources) = dims.get();
        let (phases, sources) = (phases.min(SHOWN_PHASE_COLUMNS), sources.min(SHOWN_ROWS));
        let mut rows = Vec::new();
        for i in 0..sources {
            let name = move || {
                doc.funding.track();
                doc.with(|e| e.plan().sources.get(i).map(|s| s.name.clone()).unwrap_or_default())
            };
            let cells = (0..phases)
                .map(|p| {
                    view! {
                        <td class="num">
                            {amount(format!("source-phase-amount-{}-{}", i + 1, p + 1),
                                |s, i, p| s.phases.get(p).map(|x| x.amount(i)).unwrap_or_default(), i, p)}
                            {share_field(i, p)}
                        </td>
                    }
                })
                .collect_view();
            rows.push(view! { <tr><td>{name}</td>{cells}</tr> }.into_any());
        }
        let cells = (0..phases)
            .map(|p| {
                view! {
                    <td class="num">
                        {amount(format!("source-unassigned-phase-{}", p + 1), |s, _, p| s.phases.get(p).map(|x| x.unassigned).unwrap_or_default(), 0, p)}
                    </td>
                }
            })
            .collect_view();
        rows.push(
            view! { <tr class="unassigned"><td>{move || prefs.tr("Chưa có nguồn", "Unassigned")}</td>{cells}</tr> }
                .into_any(),
        );
        rows
    };
    let names = move || {
        doc.structure.track();
        doc.with(|e| e.plan().phases.iter().take(SHOWN_PHASE_COLUMNS).map(|p| p.name.clone()).collect::<Vec<_>>())
    };
    view! {
        <Show when=move || { dims.get().0 != 0 }>
            <table class="sources by-phase">
                <thead>
                    <tr>
                        <th>{move || prefs.tr("Theo giai đoạn", "By phase")}</th>
                        {move || names().into_iter().map(|p| view! { <th class="num">{p}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </Show>
    }
}

/// One source: name, kind, rule, share or amount, amounts per phase and in total.
#[component]
fn SourceRow(i: usize) -> impl IntoView {
    let doc = Document::get();
    let prefs = Prefs::get();
    let figures = Figures::get();
    let n = i + 1;
    let source = move || {
        doc.funding.track();
        doc.with(|e| e.plan().sources.get(i).cloned()).unwrap_or_default()
    };
    let rule = move || source().rule;
    let amount = move || {
        doc.totals.track();
        doc.funding.track();
        doc.structure.track();
        doc.with(|e| e.split().grand.amounts.get(i).copied().unwrap_or_default())
    };
    let name_value = Signal::derive(move || source().name);
    let share_value = Signal::derive(move || match rule() {
        ShareRule::Percent { value } => format_decimal(value, prefs.lang.get()),
        ShareRule::Amount { value } => format_decimal(value, prefs.lang.get()),
        ShareRule::Remainder => String::new(),
    });
    let kinds = move || {
        let lang = prefs.lang.get();
        let current = source().kind;
        SourceKind::ALL
            .into_iter()
            .map(|k| view! { <option value=k.code() selected=k == current>{k.name().into_string(lang)}</option> })
            .collect_view()
    };
    let rule_code = move || match rule() {
        ShareRule::Percent { .. } => "percent",
        ShareRule::Amount { .. } => "amount",
        ShareRule::Remainder => "remainder",
    };
    let set_rule = move |code: String| {
        let _ = update_source(doc, i, &format!("source-rule-{n}"), |s| {
            let current = s.rule;
            vec![SourceChange::Rule(match (code.as_str(), current) {
                ("percent", ShareRule::Percent { .. }) | ("amount", ShareRule::Amount { .. }) => current,
                ("percent", _) => ShareRule::percent(Decimal::ZERO),
                ("amount", _) => ShareRule::Amount { value: Decimal::ZERO },
                _ => ShareRule::Remainder,
            })]
        });
        doc.end_merge();
    };
    view! {
        <tr>
            <td>
                <Field testid=format!("source-name-{n}") value=name_value class="name"
                    label=Signal::derive(move || prefs.tr("Tên nguồn", "Source name").to_string())
                    on_input=move |text: String| {
                        // The kind with every keystroke, guessed or as it is: merged typing is taken
                        // back by the first keystroke's inverse, which must then put back both.
                        update_source(doc, i, &format!("source-name-{n}"), |s| {
                            let kind = if s.kind == SourceKind::Other { SourceKind::guess(&text) } else { s.kind };
                            vec![SourceChange::Kind(kind), SourceChange::Name(text)]
                        })
                    } />
                <select class="kind" data-testid=format!("source-kind-{n}") on:change=move |ev| {
                    if let Some(k) = SourceKind::from_code(&event_target_value(&ev)) {
                        let _ = update_source(doc, i, "source-kind", |_| vec![SourceChange::Kind(k)]);
                        doc.end_merge();
                    }
                } prop:value=move || source().kind.code()>{kinds}</select>
                // The property, not only the options' `selected`: after the planner's own choice
                // (and an undo), only the property moves the select.
                <select class="rule" data-testid=format!("source-rule-{n}") on:change=move |ev| set_rule(event_target_value(&ev))
                    prop:value=rule_code>
                    <option value="percent" selected=move || rule_code() == "percent">{move || prefs.tr("Tỷ lệ %", "Percent")}</option>
                    <option value="amount" selected=move || rule_code() == "amount">{move || prefs.tr("Số tiền", "Amount")}</option>
                    <option value="remainder" selected=move || rule_code() == "remainder">{move || prefs.tr("Phần còn lại", "Remainder")}</option>
                </select>
            </td>
            <td class="num">
                <Show when=move || rule_code() == "percent">
                    <Field testid=format!("source-share-{n}") value=share_value numeric=true class="share"
                        label=Signal::derive(move || prefs.tr("Tỷ lệ (%)", "Share (%)").to_string())
                        on_input=move |text: String| {
                            let lang = prefs.lang.get_untracked();
                            let value = if text.trim().is_empty() { Ok(Decimal::ZERO) } else { parse_percent(&text, lang) };
                            match value {
                                Ok(v) if v.abs() > Decimal::from(1000) => Err(Text::fixed("Tỷ lệ phải nhỏ hơn 1.000 %", "A share must stay below 1,000 %")),
                                Ok(v) => update_source(doc, i, &format!("source-share-{n}"), |_| {
                                    vec![SourceChange::Rule(ShareRule::percent(v))]
                                }),
                                Err(e) => Err(e.to_text()),
                            }
                        } />
                    " %"
                </Show>
                <Show when=move || rule_code() == "amount">
                    <Field testid=format!("source-fixed-{n}") value=share_value numeric=true class="share"
                        label=Signal::derive(move || prefs.tr("Số tiền", "Amount").to_string())
                        on_input=move |text: String| {
                            let lang = prefs.lang.get_untracked();
                            // A fixed amount is typed (and shown) in the plan's own unit.
                            let unit = doc.with(|e| e.plan().unit);
                            let value = match parse_amount(&text, lang, unit, unit) {
                                Err(AmountError::Empty) => Decimal::ZERO,
                                value => value.map_err(|e| e.to_text())?,
                            };
                            update_source(doc, i, &format!("source-fixed-{n}"), |_| {
                                vec![SourceChange::Rule(ShareRule::Amount { value })]
                            })
                        } />
                </Show>
            </td>
            <td class="num strong" data-testid=format!("source-amount-{n}") data-value=move || data_value(amount())>
                {move || figures.format_amount(amount())}
            </td>
            <td>
                <button class="icon" data-testid=format!("source-remove-{n}") title=move || prefs.tr("Xóa nguồn", "Remove source")
                    on:click=move |_| {
                        if let Some(id) = doc.with(|e| e.plan().sources.get(i).map(|s| s.id)) {
                            doc.apply(Edit::RemoveSource { id });
                        }
                    }>"×"</button>
            </td>
        </tr>
    }
}
