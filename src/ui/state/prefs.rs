//! How the planner likes to see the plan: language, unit, orientation, the tab on screen.

use leptos::prelude::*;

use crate::locale::{Lang, Text};
use crate::model::MoneyUnit;

/// Which main view is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The budget grid with funding.
    Budget,
    /// Target indicators.
    Targets,
    /// Tasks, responsibilities by agency, the reporting calendar.
    Tasks,
    /// Compare with another draft.
    Compare,
}

/// View preferences, read by nearly every component (the language) or by a few (the unit).
#[derive(Clone, Copy)]
pub struct Prefs {
    /// Display language and number style.
    pub lang: RwSignal<Lang>,
    /// Unit amounts are shown in (the plan keeps its own); `None`: the plan's.
    pub display_unit: RwSignal<Option<MoneyUnit>>,
    /// Years as rows (as in the seed's table) instead of columns.
    pub transposed: RwSignal<bool>,
    /// The main view.
    pub tab: RwSignal<Tab>,
}

impl Prefs {
    /// Vietnamese, the plan's unit, years as columns, the budget.
    pub fn new() -> Self {
        Self {
            lang: RwSignal::new(Lang::Vi),
            display_unit: RwSignal::new(None),
            transposed: RwSignal::new(false),
            tab: RwSignal::new(Tab::Budget),
        }
    }

    /// The preferences provided by the app root.
    pub fn get() -> Self {
        expect_context::<Prefs>()
    }

    /// A label ([`Text::fixed`]) in the current language (subscribes to the language).
    pub fn tr(&self, vi: &'static str, en: &'static str) -> &'static str {
        crate::locale::label(self.lang.get(), vi, en)
    }

    /// `text` in the current language (subscribes to the language).
    pub fn say(&self, text: &Text) -> String {
        text.get(self.lang.get()).to_string()
    }
}

impl Default for Prefs {
    fn default() -> Self {
        Self::new()
    }
}
