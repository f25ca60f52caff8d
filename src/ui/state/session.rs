//! Which draft is open, what it is compared with, whether an import is on screen.

use leptos::prelude::*;

/// The working session: the open draft and what is around it.
#[derive(Clone, Copy)]
pub struct Session {
    /// Whether a draft is open (otherwise the empty state invites to start).
    pub has_draft: RwSignal<bool>,
    /// Id of the open draft in storage.
    pub draft_id: RwSignal<String>,
    /// Name of the open draft.
    pub draft_name: RwSignal<String>,
    /// The draft the open one is compared with.
    pub compare_with: RwSignal<Option<String>>,
    /// An import preview is on screen (the draft's own diagnostics step aside).
    pub importing: RwSignal<bool>,
}

impl Session {
    /// No draft open.
    pub fn new() -> Self {
        Self {
            has_draft: RwSignal::new(false),
            draft_id: RwSignal::new(String::new()),
            draft_name: RwSignal::new(String::new()),
            compare_with: RwSignal::new(None),
            importing: RwSignal::new(false),
        }
    }

    /// The session provided by the app root.
    pub fn get() -> Self {
        expect_context::<Session>()
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}
