//! Drafts kept in a key-value store (the browser's localStorage), with an index for the list,
//! revision numbers so two tabs never silently overwrite each other, and a one-slot trash so a
//! deletion can be undone.
//!
//! Keys: `kehoach.index` (the list), `kehoach.draft.<id>` (a draft in the JSON format v1),
//! `kehoach.last` (the draft opened last), `kehoach.trash` (the last deleted draft),
//! `kehoach.opening` (the draft being opened: set before it is shown, removed once it is on
//! screen, so a draft that crashes or freezes the page is known at the next start) and
//! `kehoach.damaged` (drafts that could not be opened, with why).
//! The store is a trait so the logic is tested natively with an in-memory map.

// Nothing reachable from a file or from storage may panic: no unwrap, no unchecked indexing (tests may).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::engine::Totals;
use crate::io::json::{self, LoadError, LoadedDraft};
use crate::locale::{Lang, Message, Text};
use crate::model::{MoneyUnit, Plan};

/// Key of the draft list.
pub const INDEX_KEY: &str = "kehoach.index";
/// Prefix of the draft keys.
pub const DRAFT_PREFIX: &str = "kehoach.draft.";
/// Key of the id of the draft opened last.
pub const LAST_KEY: &str = "kehoach.last";
/// Key of the last deleted draft.
pub const TRASH_KEY: &str = "kehoach.trash";
/// Key of the draft being opened (removed once it is on screen).
pub const OPENING_KEY: &str = "kehoach.opening";
/// Key of the drafts marked damaged.
pub const DAMAGED_KEY: &str = "kehoach.damaged";

/// Why a draft is marked damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Damage {
    /// Opening it stopped the page (an internal error, or the tab was closed while it froze).
    Crashed,
    /// Its stored text cannot be read as a draft.
    Unreadable,
}

impl Message for Damage {
    /// What happened, for the draft list.
    fn text(&self, lang: Lang) -> String {
        match self {
            Damage::Crashed => Text::fixed(
                "Lần mở trước, bản nháp này làm ứng dụng dừng. Có thể tải JSON của nó, xóa, hoặc thử mở lại.",
                "The last time it was opened, this draft stopped the workbench. Download its JSON, delete it, or try opening it again.",
            ),
            Damage::Unreadable => Text::fixed(
                "Không đọc được nội dung đã lưu của bản nháp này. Có thể tải JSON của nó để sửa, hoặc xóa.",
                "The stored content of this draft cannot be read. Download its JSON to repair it, or delete it.",
            ),
        }
        .into_string(lang)
    }
}

/// Why the store refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The store is full (localStorage's quota, usually about 5 MB).
    #[error("storage is full")]
    QuotaExceeded,
    /// The store cannot be used at all (disabled, private mode, blocked by settings).
    #[error("storage is unavailable: {0}")]
    Unavailable(String),
    /// The draft alone is larger than the store can ever hold (its whole quota, in characters).
    #[error("the draft is larger than the storage can hold ({0} characters)")]
    TooLarge(usize),
}

impl Message for StoreError {
    /// What happened and what to do.
    fn text(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match (self, vi) {
            (Self::QuotaExceeded, true) => {
                "Bộ nhớ của trình duyệt đã đầy: bản nháp chưa được lưu. Bản nháp vẫn còn nguyên trên màn hình; hãy tải tệp JSON về máy hoặc xóa bớt bản nháp cũ.".into()
            }
            (Self::QuotaExceeded, false) => {
                "The browser's storage is full: the draft was not saved. It is still on screen; download it as JSON or delete old drafts.".into()
            }
            (Self::Unavailable(why), true) => {
                format!("Trình duyệt không cho lưu bản nháp ({why}). Bản nháp chỉ còn trên màn hình; hãy tải tệp JSON về máy.")
            }
            (Self::Unavailable(why), false) => {
                format!("The browser does not allow saving drafts ({why}). The draft lives only on screen; download it as JSON.")
            }
            (Self::TooLarge(most), true) => format!(
                "Bản nháp quá lớn để lưu trong trình duyệt (bộ nhớ chứa được nhiều nhất {} triệu ký tự): bản nháp chưa được lưu. Bản nháp vẫn còn nguyên trên màn hình; hãy tải tệp JSON về máy.",
                most / 1_000_000
            ),
            (Self::TooLarge(most), false) => format!(
                "The draft is too large for the browser's storage (which holds at most {} million characters): it was not saved. It is still on screen; download it as JSON.",
                most / 1_000_000
            ),
        }
    }
}

/// A key-value store of strings.
pub trait KeyValueStore {
    /// The value of `key`.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Sets `key` to `value`.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key`.
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    /// Every key.
    fn keys(&self) -> Vec<String>;
    /// The most characters the whole store can ever hold, if known: a value longer than that is
    /// refused before it is written out.
    fn capacity(&self) -> Option<usize> {
        None
    }
}

/// One draft in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftMeta {
    /// Id (part of its key).
    pub id: String,
    /// Name shown in the list.
    pub name: String,
    /// Last change, in milliseconds since 1970.
    pub updated: i64,
    /// Grand total, in `unit`.
    pub grand_total: Decimal,
    /// Unit of the total.
    pub unit: MoneyUnit,
    /// Number of budget lines.
    pub lines: usize,
    /// Increases with every save; a save that expects another revision is a conflict.
    pub rev: u64,
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    /// Another tab saved this draft since it was opened here.
    #[error("the draft was changed elsewhere (revision {theirs}, expected {expected})")]
    Conflict {
        /// The revision found in the store.
        theirs: u64,
        /// The revision this tab last saw.
        expected: u64,
    },
    /// The store refused.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Drafts over a key-value store.
pub struct DraftStore<S: KeyValueStore> {
    store: S,
}

impl<S: KeyValueStore> DraftStore<S> {
    /// Uses `store`.
    pub fn new(store: S) -> Self {
        Self { store }
    }

    /// The underlying store.
    pub fn store(&self) -> &S {
        &self.store
    }

    fn read_index(&self) -> BTreeMap<String, DraftMeta> {
        let parsed = self
            .store
            .get(INDEX_KEY)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str::<Vec<DraftMeta>>(&text).ok());
        match parsed {
            Some(list) => list.into_iter().map(|m| (m.id.clone(), m)).collect(),
            None => self.rebuild_index(),
        }
    }

    /// Rebuilds the list from the drafts themselves (when the index is missing or damaged).
    fn rebuild_index(&self) -> BTreeMap<String, DraftMeta> {
        let mut index = BTreeMap::new();
        for key in self.store.keys() {
            let Some(id) = key.strip_prefix(DRAFT_PREFIX) else { continue };
            let Ok(Some(text)) = self.store.get(&key) else { continue };
            match json::from_json(&text) {
                Ok(draft) => {
                    let grand = Totals::compute(&draft.plan).grand();
                    index.insert(id.to_string(), meta_of(id, &draft.name, &draft.plan, grand, 0, 1));
                }
                // Listed all the same (by its id), so that it can be downloaded or deleted.
                Err(_) => {
                    index.insert(id.to_string(), meta_of(id, id, &Plan::default(), Decimal::ZERO, 0, 1));
                }
            }
        }
        index
    }

    fn write_index(&mut self, index: &BTreeMap<String, DraftMeta>) -> Result<(), StoreError> {
        let list: Vec<&DraftMeta> = index.values().collect();
        let text = serde_json::to_string(&list).unwrap_or_else(|_| "[]".into());
        self.store.set(INDEX_KEY, &text)
    }

    /// Every draft, the most recently changed first.
    pub fn list(&self) -> Vec<DraftMeta> {
        let mut list: Vec<DraftMeta> = self.read_index().into_values().collect();
        list.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.name.cmp(&b.name)));
        list
    }

    /// The list entry of draft `id`.
    pub fn meta(&self, id: &str) -> Option<DraftMeta> {
        self.read_index().remove(id)
    }

    /// A fingerprint of draft `id` as stored (`None` if absent). A tab keeps the fingerprint of
    /// what it saved: when two tabs save the same revision at the same moment (each store's view
    /// of the other's write lags behind), the one whose text is not the stored one knows its save
    /// was overwritten, though the revision numbers agree.
    pub fn stored_fingerprint(&self, id: &str) -> Option<u64> {
        self.store.get(&format!("{DRAFT_PREFIX}{id}")).ok().flatten().map(|text| fingerprint(&text))
    }

    /// Reads draft `id`.
    pub fn load(&self, id: &str) -> Result<Option<LoadedDraft>, Vec<LoadError>> {
        match self.store.get(&format!("{DRAFT_PREFIX}{id}")) {
            Ok(Some(text)) => json::from_json(&text).map(Some),
            _ => Ok(None),
        }
    }

    /// Saves draft `id`. `expected_rev` is the revision this tab last loaded or saved (`None` for a
    /// new draft); if the store holds another one, nothing is written and a conflict is returned.
    /// Returns the new list entry.
    pub fn save(
        &mut self,
        id: &str,
        name: &str,
        plan: &Plan,
        expected_rev: Option<u64>,
        now: i64,
    ) -> Result<DraftMeta, SaveError> {
        self.save_with(id, name, plan, &Totals::compute(plan), expected_rev, now).map(|saved| saved.meta)
    }

    /// [`DraftStore::save`] with the plan's totals already computed (the editor keeps them live);
    /// also returns the fingerprint of the text written (see [`DraftStore::stored_fingerprint`]).
    pub fn save_with(
        &mut self,
        id: &str,
        name: &str,
        plan: &Plan,
        totals: &Totals,
        expected_rev: Option<u64>,
        now: i64,
    ) -> Result<Saved, SaveError> {
        let mut index = self.read_index();
        let current = index.get(id).map(|m| m.rev);
        if let (Some(theirs), Some(expected)) = (current, expected_rev)
            && theirs != expected
        {
            return Err(SaveError::Conflict { theirs, expected });
        }
        let rev = current.unwrap_or(0) + 1;
        let text = match self.store.capacity() {
            Some(most) => json::write_json_within(name, plan, totals, most).ok_or(StoreError::TooLarge(most))?,
            None => json::write_json(name, plan, totals, false),
        };
        self.store.set(&format!("{DRAFT_PREFIX}{id}"), &text)?;
        let meta = meta_of(id, name, plan, totals.grand(), now, rev);
        index.insert(id.to_string(), meta.clone());
        self.write_index(&index)?;
        Ok(Saved { meta, fingerprint: fingerprint(&text) })
    }

    /// Deletes draft `id`, keeping it in the trash until the next deletion.
    pub fn delete(&mut self, id: &str) -> Result<(), StoreError> {
        let key = format!("{DRAFT_PREFIX}{id}");
        let mut index = self.read_index();
        if let Ok(Some(text)) = self.store.get(&key) {
            let trash = serde_json::json!({ "id": id, "draft": text }).to_string();
            // A full store must not prevent deleting: the trash is best effort.
            let _ = self.store.set(TRASH_KEY, &trash);
        }
        self.store.remove(&key)?;
        index.remove(id);
        self.write_index(&index)?;
        if self.store.get(LAST_KEY).ok().flatten().as_deref() == Some(id) {
            self.store.remove(LAST_KEY)?;
        }
        self.clear_damaged(id);
        Ok(())
    }

    /// Restores the last deleted draft; returns its id.
    pub fn restore_deleted(&mut self, now: i64) -> Result<Option<String>, SaveError> {
        let Some(text) = self.store.get(TRASH_KEY)? else { return Ok(None) };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else { return Ok(None) };
        // `get` rather than `value["id"]`: the same result (None when missing), without indexing.
        let field = |key: &str| value.get(key).and_then(serde_json::Value::as_str);
        let (Some(id), Some(draft)) = (field("id"), field("draft")) else { return Ok(None) };
        let Ok(loaded) = json::from_json(draft) else { return Ok(None) };
        self.save(id, &loaded.name, &loaded.plan, None, now)?;
        self.store.remove(TRASH_KEY)?;
        Ok(Some(id.to_string()))
    }

    /// The draft opened last.
    pub fn last_opened(&self) -> Option<String> {
        self.store.get(LAST_KEY).ok().flatten()
    }

    /// Remembers the draft opened last.
    pub fn set_last_opened(&mut self, id: &str) -> Result<(), StoreError> {
        self.store.set(LAST_KEY, id)
    }

    /// The stored text of draft `id`, as it is (for downloading a damaged draft).
    pub fn raw(&self, id: &str) -> Option<String> {
        self.store.get(&format!("{DRAFT_PREFIX}{id}")).ok().flatten()
    }

    /// Notes that draft `id` is being opened: if the page stops before [`Self::end_opening`],
    /// the next start knows which draft did it.
    pub fn begin_opening(&mut self, id: &str) {
        // Best effort: a full store must not stop a draft from opening.
        let _ = self.store.set(OPENING_KEY, id);
    }

    /// The draft being opened is on screen.
    pub fn end_opening(&mut self) {
        let _ = self.store.remove(OPENING_KEY);
    }

    /// At start: the draft whose opening stopped the page last time, now marked damaged.
    pub fn recover_after_crash(&mut self) -> Option<String> {
        let id = self.store.get(OPENING_KEY).ok().flatten()?;
        self.end_opening();
        self.mark_damaged(&id, Damage::Crashed);
        Some(id)
    }

    /// The drafts marked damaged, with why.
    pub fn damaged(&self) -> BTreeMap<String, Damage> {
        self.store.get(DAMAGED_KEY).ok().flatten().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
    }

    /// Marks draft `id` damaged (best effort: the mark is advice, the draft is kept as it is).
    pub fn mark_damaged(&mut self, id: &str, damage: Damage) {
        let mut all = self.damaged();
        all.insert(id.to_string(), damage);
        if let Ok(text) = serde_json::to_string(&all) {
            let _ = self.store.set(DAMAGED_KEY, &text);
        }
    }

    /// Removes the damage mark of draft `id` (it opened, or was deleted).
    pub fn clear_damaged(&mut self, id: &str) {
        let mut all = self.damaged();
        if all.remove(id).is_some() {
            let result = match all.is_empty() {
                true => self.store.remove(DAMAGED_KEY),
                false => serde_json::to_string(&all).map_or(Ok(()), |text| self.store.set(DAMAGED_KEY, &text)),
            };
            let _ = result;
        }
    }

    /// Bytes used by kehoach's keys (localStorage keeps UTF-16: two bytes a character).
    pub fn usage_bytes(&self) -> usize {
        self.store
            .keys()
            .into_iter()
            .filter(|k| k.starts_with("kehoach."))
            .map(|k| {
                let v = self.store.get(&k).ok().flatten().map(|v| v.encode_utf16().count()).unwrap_or(0);
                (k.encode_utf16().count() + v) * 2
            })
            .sum()
    }
}

/// What [`DraftStore::save_with`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The new list entry.
    pub meta: DraftMeta,
    /// Fingerprint of the draft's text as written.
    pub fingerprint: u64,
}

/// A fingerprint of a stored draft's text (the same within one page's life).
fn fingerprint(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

fn meta_of(id: &str, name: &str, plan: &Plan, grand_total: Decimal, now: i64, rev: u64) -> DraftMeta {
    DraftMeta {
        id: id.to_string(),
        name: name.to_string(),
        updated: now,
        grand_total,
        unit: plan.unit,
        lines: plan.lines.len(),
        rev,
    }
}

/// An in-memory store, for tests; `capacity` limits the total characters stored.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    /// The entries.
    pub map: BTreeMap<String, String>,
    /// Largest total size in characters, if limited.
    pub capacity: Option<usize>,
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.map.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(cap) = self.capacity {
            let used: usize = self.map.iter().filter(|(k, _)| k.as_str() != key).map(|(k, v)| k.len() + v.len()).sum();
            if used + key.len() + value.len() > cap {
                return Err(StoreError::QuotaExceeded);
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.map.remove(key);
        Ok(())
    }

    fn keys(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }

    fn capacity(&self) -> Option<usize> {
        self.capacity
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference;
    use rust_decimal_macros::dec;

    #[test]
    fn saves_lists_and_loads() {
        let mut drafts = DraftStore::new(MemoryStore::default());
        let meta = drafts.save("a", "Bắc Kạn", &reference::plan(), None, 1000).unwrap();
        assert_eq!(meta.rev, 1);
        assert_eq!(meta.grand_total, dec!(5400));
        drafts.save("b", "Khác", &Plan::default(), None, 2000).unwrap();
        let list = drafts.list();
        assert_eq!(list.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), vec!["b", "a"]);
        let loaded = drafts.load("a").unwrap().unwrap();
        assert_eq!(loaded.plan, reference::plan());
        assert_eq!(loaded.name, "Bắc Kạn");
    }

    #[test]
    fn a_second_tab_cannot_overwrite_silently() {
        let mut drafts = DraftStore::new(MemoryStore::default());
        let first = drafts.save("a", "x", &reference::plan(), None, 1).unwrap();
        // Tab 1 saves again on top of revision 1.
        let second = drafts.save("a", "x", &reference::plan(), Some(first.rev), 2).unwrap();
        // Tab 2 still thinks revision 1 is current.
        let err = drafts.save("a", "x", &Plan::default(), Some(first.rev), 3).unwrap_err();
        assert_eq!(err, SaveError::Conflict { theirs: second.rev, expected: first.rev });
        assert_eq!(drafts.load("a").unwrap().unwrap().plan, reference::plan());
    }

    #[test]
    fn two_saves_of_the_same_revision_are_told_apart_by_their_fingerprint() {
        // Two tabs open revision 1; each store's copy of the other's writes lags behind, so both
        // save revision 2, and the last write wins the shared storage.
        let mut shared = DraftStore::new(MemoryStore::default());
        let opened = shared.save("a", "x", &reference::plan(), None, 1).unwrap();
        let mut tab_a = DraftStore::new(shared.store().clone());
        let mut tab_b = DraftStore::new(shared.store().clone());
        let mut plan_a = reference::plan();
        plan_a.lines[0].amounts.insert(2013, dec!(402));
        let mut plan_b = reference::plan();
        plan_b.lines[1].amounts.insert(2013, dec!(401));
        let saved_a = tab_a.save("a", "x", &plan_a, Some(opened.rev), 2).unwrap();
        let mine_a = tab_a.stored_fingerprint("a");
        let saved_b = tab_b.save("a", "x", &plan_b, Some(opened.rev), 2).unwrap();
        let mine_b = tab_b.stored_fingerprint("a");
        assert_eq!(saved_a.rev, saved_b.rev);
        assert_ne!(mine_a, mine_b);
        // B's write landed last: the storage both tabs now see is B's.
        let after = tab_b.store().clone();
        tab_a = DraftStore::new(after.clone());
        assert_eq!(tab_a.meta("a").unwrap().rev, saved_a.rev, "the revisions agree");
        assert_ne!(tab_a.stored_fingerprint("a"), mine_a, "A sees that its save was overwritten");
        assert_eq!(DraftStore::new(after).stored_fingerprint("a"), mine_b, "B sees its own");
    }

    #[test]
    fn a_full_store_refuses_without_losing_what_was_saved() {
        let mut drafts = DraftStore::new(MemoryStore { capacity: Some(6000), ..Default::default() });
        drafts.save("a", "x", &reference::plan(), None, 1).unwrap();
        let big = reference::large_plan(50, 10);
        let err = drafts.save("b", "big", &big, None, 2).unwrap_err();
        // Larger alone than the whole store: refused before it is written out in full.
        assert_eq!(err, SaveError::Store(StoreError::TooLarge(6000)));
        assert!(err.to_string().contains("6000"));
        // Small ones until the store is full.
        let full = (0..10).find_map(|i| drafts.save(&format!("c{i}"), "x", &reference::plan(), None, 3).err());
        assert_eq!(full, Some(SaveError::Store(StoreError::QuotaExceeded)));
        assert!(!drafts.list().is_empty());
        assert_eq!(drafts.load("a").unwrap().unwrap().plan, reference::plan());
    }

    #[test]
    fn the_bounded_writer_writes_what_the_plain_one_does_or_nothing() {
        let plan = reference::plan();
        let totals = Totals::compute(&plan);
        let plain = json::write_json("x", &plan, &totals, false);
        let chars = plain.chars().count();
        assert_eq!(json::write_json_within("x", &plan, &totals, chars).as_deref(), Some(plain.as_str()));
        assert_eq!(json::write_json_within("x", &plan, &totals, chars - 1), None);
    }

    #[test]
    fn a_damaged_index_is_rebuilt_from_the_drafts() {
        let mut drafts = DraftStore::new(MemoryStore::default());
        drafts.save("a", "Bắc Kạn", &reference::plan(), None, 1).unwrap();
        drafts.store.set(INDEX_KEY, "{not json").unwrap();
        let list = drafts.list();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, "Bắc Kạn");
    }

    #[test]
    fn a_draft_whose_opening_stopped_the_page_is_marked_damaged_at_the_next_start() {
        let mut drafts = DraftStore::new(MemoryStore::default());
        drafts.save("a", "Tốt", &reference::plan(), None, 1000).unwrap();
        drafts.save("b", "Hỏng", &reference::plan(), None, 2000).unwrap();
        // Opened and shown: nothing to recover.
        drafts.begin_opening("a");
        drafts.end_opening();
        assert_eq!(drafts.recover_after_crash(), None);
        // The page stopped while "b" was opening.
        drafts.begin_opening("b");
        let mut next_start = DraftStore::new(drafts.store().clone());
        assert_eq!(next_start.recover_after_crash().as_deref(), Some("b"));
        assert_eq!(next_start.damaged().get("b"), Some(&Damage::Crashed));
        assert_eq!(next_start.recover_after_crash(), None, "told once");
        // Kept as it was, its text downloadable; deleting it clears the mark.
        assert!(next_start.raw("b").unwrap().contains("Hỏng"));
        assert_eq!(next_start.list().len(), 2);
        next_start.clear_damaged("a");
        assert_eq!(next_start.damaged().len(), 1);
        next_start.delete("b").unwrap();
        assert!(next_start.damaged().is_empty());
        assert!(!next_start.store().map.contains_key(DAMAGED_KEY));
    }

    #[test]
    fn an_unreadable_draft_stays_listed_when_the_index_is_rebuilt() {
        let mut drafts = DraftStore::new(MemoryStore::default());
        drafts.save("a", "Tốt", &reference::plan(), None, 1000).unwrap();
        let mut store = drafts.store().clone();
        store.map.insert(format!("{DRAFT_PREFIX}z"), "{ not json".into());
        store.map.remove(INDEX_KEY);
        let drafts = DraftStore::new(store);
        let ids: Vec<String> = drafts.list().into_iter().map(|m| m.id).collect();
        assert!(ids.contains(&"z".to_string()) && ids.contains(&"a".to_string()), "{ids:?}");
        assert!(drafts.load("z").is_err());
        assert_eq!(drafts.raw("z").as_deref(), Some("{ not json"));
    }

    #[test]
    fn deletion_can_be_undone() {
        let mut drafts = DraftStore::new(MemoryStore::default());
        drafts.save("a", "x", &reference::plan(), None, 1).unwrap();
        drafts.set_last_opened("a").unwrap();
        drafts.delete("a").unwrap();
        assert!(drafts.list().is_empty());
        assert_eq!(drafts.last_opened(), None);
        assert_eq!(drafts.restore_deleted(5).unwrap(), Some("a".to_string()));
        assert_eq!(drafts.load("a").unwrap().unwrap().plan, reference::plan());
        assert!(drafts.usage_bytes() > 1000);
    }
}
