//! Messages at the top of the page (storage trouble, an import done, an edit refused …).

use leptos::prelude::*;

use crate::diagnostic::Severity;
use crate::locale::Text;

/// A short message shown at the top of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Unique id, to dismiss it.
    pub id: u64,
    /// Error, warning or information.
    pub severity: Severity,
    /// What the planner reads.
    pub text: Text,
}

/// The messages on screen.
#[derive(Clone, Copy)]
pub struct Notices {
    /// The messages, oldest first.
    pub list: RwSignal<Vec<Notice>>,
}

impl Notices {
    /// None yet.
    pub fn new() -> Self {
        Self { list: RwSignal::new(Vec::new()) }
    }

    /// The notices provided by the app root.
    pub fn get() -> Self {
        expect_context::<Notices>()
    }

    /// Shows a message (once: the same text already on screen is not repeated).
    pub fn push(&self, severity: Severity, text: Text) {
        self.list.update(|list| {
            if list.iter().any(|n| n.text == text) {
                return;
            }
            let id = list.iter().map(|n| n.id).max().unwrap_or(0) + 1;
            list.push(Notice { id, severity, text });
        });
    }

    /// Removes the message `id`.
    pub fn dismiss(&self, id: u64) {
        self.list.update(|list| list.retain(|n| n.id != id));
    }
}

impl Default for Notices {
    fn default() -> Self {
        Self::new()
    }
}
