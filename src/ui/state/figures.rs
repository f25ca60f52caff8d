//! Amounts written for the screen: the plan's figures in the unit and the number style the
//! planner chose, to the plan's display precision.

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::{Document, Prefs};
use crate::locale::format_decimal;
use crate::model::MoneyUnit;

/// Reads the document (its unit and precision) and the preferences (language, display unit).
#[derive(Clone, Copy)]
pub struct Figures {
    /// The open plan.
    pub doc: Document,
    /// The planner's preferences.
    pub prefs: Prefs,
}

impl Figures {
    /// The handle provided by the app root.
    pub fn get() -> Self {
        expect_context::<Figures>()
    }

    /// The unit figures are shown in (subscribes).
    pub fn shown_unit(&self) -> MoneyUnit {
        self.doc.structure.track();
        let plan_unit = self.doc.with(|e| e.plan().unit);
        self.prefs.display_unit.get().unwrap_or(plan_unit)
    }

    /// An amount in the plan's unit, written in the display unit and the language's style
    /// (subscribes to both).
    ///
    /// Rounded to the plan's display precision ([`Figures::display_places`]): a funding split
    /// computed to the đồng shows as the typed amounts do (1.060,7, not 1.060,651075); the
    /// exact figure stays in `data-value`.
    pub fn format_amount(&self, amount: Decimal) -> String {
        let lang = self.prefs.lang.get();
        let plan_unit = self.doc.with(|e| e.plan().unit);
        let unit = self.prefs.display_unit.get().unwrap_or(plan_unit);
        let shown = plan_unit.convert(amount, unit);
        let places = self.display_places(unit);
        format_decimal(shown.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero), lang)
    }

    /// Decimal places amounts are shown with in `unit`: the plan's
    /// ([`crate::engine::Totals::typed_places`]), moved by the unit's size (a triệu with one
    /// decimal is a tỷ with four).
    pub fn display_places(&self, unit: MoneyUnit) -> u32 {
        let plan_unit = self.doc.with(|e| e.plan().unit);
        let shift = i64::from(unit.exponent()) - i64::from(plan_unit.exponent());
        (i64::from(self.doc.places()) + shift).clamp(0, 28) as u32
    }

    /// The unit a typed amount is read in: the display unit, or the plan's.
    pub fn typed_unit(&self) -> MoneyUnit {
        let plan_unit = self.doc.with(|e| e.plan().unit);
        self.prefs.display_unit.get_untracked().unwrap_or(plan_unit)
    }

    /// Converts a number typed in the display unit to the plan's unit.
    pub fn typed_to_plan_unit(&self, typed: Decimal) -> Decimal {
        let plan_unit = self.doc.with(|e| e.plan().unit);
        self.typed_unit().convert(typed, plan_unit)
    }
}
