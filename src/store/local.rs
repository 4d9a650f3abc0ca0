//! The localStorage adapter. Never panics on storage: an unavailable store, a full quota or an
//! unreadable record become values the app shows to the user, and nothing already stored is
//! overwritten because of them.
//!
//! Everything goes through web-sys's `Storage`, every call's error kept as a value:
//! `gloo-storage` (used here until its size was counted) wraps `get_item`, `remove_item`,
//! `length` and `clear` in `expect_throw`, and its `raw()` panics where the `localStorage`
//! getter throws (sandboxed frames, blocked storage; Firefox can throw on reads too) — either
//! would take the app down instead of showing an error. A write's `DOMException` is told apart
//! by name and code, so a full quota is still told from other failures. Typed records are
//! encoded once (`codec::encode_rev`) and written as text.

use crate::domain::json::Encode;
use web_sys::Storage;

use super::codec::{self, IndexEntry, RecordError};
use super::rules::{self, Decision, Seen};
use crate::domain::book::template_for;
use crate::domain::playbook::{self, Entry};
use crate::domain::{order, Deal, Id, Template};

/// Why a write did not happen. The previous stored data is intact in every case.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SaveError {
    #[error(
        "Storage is full, so this change is kept only in this tab. Export your data, then free some space."
    )]
    Quota,
    #[error("Storage is unavailable here ({0}). Deal Prep works, but nothing is kept after you close this tab: export your work to keep it.")]
    Unavailable(String),
    #[error("Another tab changed this deal after you opened it; your change was not applied.")]
    Stale(Box<Deal>),
    #[error(
        "The saved record is unreadable or was written by a newer version of Deal Prep. It is kept aside untouched (see Data); this change is kept in this tab only."
    )]
    Protected,
    #[error("This deal was deleted in another tab; your change was not saved.")]
    Deleted,
    /// Another tab wrote the templates since this tab read them: theirs, at their revision
    /// (boxed, like the stale deal: every store result stays the size of a text).
    #[error("Another tab changed the checklist templates.")]
    TemplatesChanged(Box<(Vec<Template>, u64)>),
}

/// Small bookkeeping record: when the last export happened and how many edits since.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub last_export: Option<crate::domain::Minutes>,
    pub edits_since_export: u32,
    /// When the first edit not covered by an export was made.
    pub first_unexported_edit: Option<crate::domain::Minutes>,
}

crate::domain::keyed::stored_as_object!(Meta {
    last_export: "le" = None,
    edits_since_export: "ed" = 0,
    first_unexported_edit: "fe" = None,
});

impl Meta {
    /// Counts one saved edit at `now`.
    pub fn record_edit(&mut self, now: crate::domain::Minutes) {
        self.edits_since_export += 1;
        self.first_unexported_edit.get_or_insert(now);
    }

    /// Merges what another tab wrote: the later export wins, and edits since it add up.
    pub fn merged(stored: &Meta, mine: &Meta) -> Meta {
        if stored.last_export > mine.last_export {
            stored.clone()
        } else {
            mine.clone()
        }
    }

    /// A backup is due after 50 edits, or 7 days after the first edit not in an export.
    pub fn backup_due(&self, now: crate::domain::Minutes) -> bool {
        self.edits_since_export >= 50
            || self
                .first_unexported_edit
                .is_some_and(|at| at <= now.plus_days(-7))
    }
}

/// A stored record that could not be loaded, kept aside untouched.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub key: String,
    pub raw: String,
    pub error: RecordError,
}

/// What startup reads: the deal list's entries, the templates, and any records kept aside.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub index: order::SortedMap<Id, IndexEntry>,
    pub templates: Option<Vec<Template>>,
    /// The templates record's revision (0 when there is none yet).
    pub templates_rev: u64,
    /// The playbook's curated entries and their record's revision.
    pub playbook: Vec<Entry>,
    pub playbook_rev: u64,
    pub problems: Vec<Problem>,
    /// Index entries that were missing or stale and were rebuilt from their deal records.
    pub rebuilt: usize,
}

/// localStorage under one namespace.
#[derive(Clone, Debug, PartialEq)]
pub struct Store {
    ns: String,
    storage: Option<Storage>,
    /// Why storage is unavailable, when it is.
    pub unavailable: Option<String>,
}

fn describe(err: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    err.dyn_ref::<web_sys::DomException>()
        .map(|e| format!("{}: {}", e.name(), e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "access denied".to_owned())
}

fn is_quota(err: &wasm_bindgen::JsValue) -> bool {
    use wasm_bindgen::JsCast;
    err.dyn_ref::<web_sys::DomException>()
        .is_some_and(|e| e.code() == 22 || is_quota_name(&e.name()))
}

/// Chromium and Safari say QuotaExceededError (code 22); Firefox has used its own name.
fn is_quota_name(name: &str) -> bool {
    name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED"
}

impl Store {
    /// Opens the store. The `localStorage` getter itself throws in sandboxed iframes and under
    /// some privacy settings; that is caught here, and the app runs in memory.
    pub fn open(ns: &str) -> Store {
        let result = web_sys::window()
            .ok_or_else(|| "no window".to_owned())
            .and_then(|w| {
                w.local_storage()
                    .map_err(|e| describe(&e))?
                    .ok_or_else(|| "no localStorage".to_owned())
            });
        match result {
            Ok(storage) => Store {
                ns: ns.to_owned(),
                storage: Some(storage),
                unavailable: None,
            },
            Err(why) => Store {
                ns: ns.to_owned(),
                storage: None,
                unavailable: Some(why),
            },
        }
    }

    /// A store that keeps nothing (for tests and when storage is refused).
    pub fn in_memory(ns: &str, why: &str) -> Store {
        Store {
            ns: ns.to_owned(),
            storage: None,
            unavailable: Some(why.to_owned()),
        }
    }

    pub fn namespace(&self) -> &str {
        &self.ns
    }
    pub fn deal_key(&self, id: &Id) -> String {
        format!("{}:deal:{id}", self.ns)
    }
    pub fn index_key(&self, id: &Id) -> String {
        format!("{}:index:{id}", self.ns)
    }
    pub fn settings_key(&self) -> String {
        format!("{}:settings", self.ns)
    }
    pub fn playbook_key(&self) -> String {
        format!("{}:playbook", self.ns)
    }
    pub fn meta_key(&self) -> String {
        format!("{}:meta", self.ns)
    }

    /// Whether data written now will be kept.
    pub fn is_available(&self) -> bool {
        self.storage.is_some()
    }

    pub fn load_meta(&self) -> Meta {
        self.get(&self.meta_key())
            .and_then(|raw| codec::decode::<Meta>(&raw).ok())
            .unwrap_or_default()
    }

    /// Changes the stored bookkeeping record from what storage holds now (another tab may have
    /// exported or counted edits), and returns the record written.
    pub fn update_meta(&self, change: impl FnOnce(&mut Meta)) -> Result<Meta, SaveError> {
        let mut meta = self.load_meta();
        change(&mut meta);
        self.save_meta(&meta)?;
        Ok(meta)
    }

    pub fn save_meta(&self, meta: &Meta) -> Result<(), SaveError> {
        self.put(&self.meta_key(), meta, 0)
    }

    /// Every readable deal (for export, insights and the playbook), handed to `take` one at a
    /// time: the playbook reads them all without holding them all. Unreadable records are left
    /// out (startup and opening a deal report them).
    pub fn each_deal(&self, take: &mut dyn FnMut(Deal)) {
        for (key, _) in self.keys("deal") {
            if let Some(Ok(decoded)) = self.get(&key).map(|raw| codec::decode_deal(&raw)) {
                take(decoded.deal);
            }
        }
    }

    /// Removes one record kept aside, when the user explicitly discards it.
    pub fn discard(&self, key: &str) -> Result<(), SaveError> {
        if !key.starts_with(&format!("{}:", self.ns)) {
            return Ok(());
        }
        self.remove(key)
    }

    /// Removes every key of this namespace (the user typed "delete").
    pub fn clear_all(&self) -> Result<(), SaveError> {
        let prefix = format!("{}:", self.ns);
        let keys: Vec<String> = self
            .all_keys()
            .into_iter()
            .filter(|k| k.starts_with(&prefix))
            .collect();
        keys.iter().try_for_each(|key| self.remove(key))
    }

    /// A stored record's text as it is (for "download raw text" and undoing a replace).
    pub fn raw(&self, key: &str) -> Option<String> {
        self.get(key)
    }

    /// Puts a record's text back as it was (undoing a replace), or removes the key for `None`.
    pub fn restore_raw(&self, key: &str, text: Option<&str>) -> Result<(), SaveError> {
        match text {
            Some(text) => self.set(key, text),
            None => self.remove(key),
        }
    }

    fn all_keys(&self) -> Vec<String> {
        let Some(storage) = &self.storage else {
            return Vec::new();
        };
        (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect()
    }

    /// A key's text, or `None` when it is missing or unreadable (loading treats both alike).
    fn get(&self, key: &str) -> Option<String> {
        self.read(key).ok().flatten()
    }

    /// A key's text. A `getItem` that throws (Firefox can, when its storage is damaged or
    /// locked) is an error, never "missing": a guard that read it as missing would let a write
    /// through, and the storage handler would read it as a deletion.
    fn read(&self, key: &str) -> Result<Option<String>, SaveError> {
        let storage = self.storage.as_ref().ok_or_else(|| self.unavailable_error())?;
        storage
            .get_item(key)
            .map_err(|e| SaveError::Unavailable(describe(&e)))
    }

    fn remove(&self, key: &str) -> Result<(), SaveError> {
        let storage = self.storage.as_ref().ok_or_else(|| self.unavailable_error())?;
        storage
            .remove_item(key)
            .map_err(|e| SaveError::Unavailable(describe(&e)))
    }

    fn unavailable_error(&self) -> SaveError {
        SaveError::Unavailable(self.unavailable.clone().unwrap_or_default())
    }

    /// Writes a typed record in its envelope (revision `rev`, 0 for none).
    fn put<T: Encode + ?Sized>(&self, key: &str, value: &T, rev: u64) -> Result<(), SaveError> {
        if self.storage.is_none() {
            // gloo's raw() would panic here; the probe at open said there is no storage.
            return Err(self.unavailable_error());
        }
        self.set(key, &codec::encode_rev(value, rev))
    }

    /// Writes text as it is (pre-encoded records, or a record put back by an undo).
    fn set(&self, key: &str, value: &str) -> Result<(), SaveError> {
        let storage = self.storage.as_ref().ok_or_else(|| self.unavailable_error())?;
        storage.set_item(key, value).map_err(|e| {
            if is_quota(&e) {
                SaveError::Quota
            } else {
                SaveError::Unavailable(describe(&e))
            }
        })
    }

    /// Every key of this namespace with the given kind (`deal`, `index`).
    fn keys(&self, kind: &str) -> Vec<(String, Id)> {
        let [keys] = self.keys_of([kind]);
        keys
    }

    /// The keys of each kind, in one pass over storage (each `key(i)` crosses into JS).
    fn keys_of<const N: usize>(&self, kinds: [&str; N]) -> [Vec<(String, Id)>; N] {
        let mut found = std::array::from_fn(|_| Vec::new());
        let Some(storage) = &self.storage else {
            return found;
        };
        let prefixes = kinds.map(|kind| format!("{}:{kind}:", self.ns));
        for i in 0..storage.length().unwrap_or(0) {
            let Some(key) = storage.key(i).ok().flatten() else {
                continue;
            };
            for (slot, prefix) in found.iter_mut().zip(&prefixes) {
                if let Some(id) = key
                    .strip_prefix(prefix.as_str())
                    .and_then(|rest| Id::new(rest).ok())
                {
                    slot.push((key, id));
                    break;
                }
            }
        }
        found
    }

    /// Reads the index (one small record per deal) and the templates. An index entry that is
    /// missing, unreadable, of an older score rule or scored with a template as it no longer is
    /// (its stamp none of `templates`') is rebuilt from the deal record, with the deal's own
    /// template among `templates` (the ones stored, read before).
    pub fn load(&self, templates: &[Template], now: crate::domain::Minutes) -> Loaded {
        let stamps = &crate::domain::template::stamps(templates);
        let mut loaded = Loaded::default();
        let [index_keys, deal_ids] = self.keys_of(["index", "deal"]);
        let mut entries = order::map_of(
            index_keys
                .into_iter()
                .filter_map(|(key, id)| Some((id, codec::decode::<IndexEntry>(&self.get(&key)?).ok()?)))
                .filter(|(_, e)| e.fresh(stamps)),
        );
        let known = order::sorted(deal_ids.iter().map(|(_, id)| id));
        entries.retain(|id, _| known.binary_search(&id).is_ok());
        for (key, id) in deal_ids {
            // A deal with an index entry is not read at startup: parsing every deal record
            // would cost ~80 ms with 1,000 deals. An entry left behind by a failed write is
            // refreshed when its deal is opened (see `refresh_index`).
            if entries.contains_key(&id) {
                continue;
            }
            let Some(raw) = self.get(&key) else { continue };
            match codec::decode_deal(&raw) {
                Ok(decoded) => {
                    let entry = IndexEntry::of(&decoded.deal, template_for(templates, &decoded.deal), now);
                    if decoded.migrated {
                        // Written back only now that the migration succeeded.
                        let _ = self.put(&key, &decoded.deal, 0);
                    }
                    let _ = self.put(&self.index_key(&id), &entry, 0);
                    entries.insert(id, entry);
                    loaded.rebuilt += 1;
                }
                Err(error) => loaded.problems.push(Problem { key, raw, error }),
            }
        }
        loaded.index = entries;
        if let Some(raw) = self.get(&self.settings_key()) {
            match codec::decode_rev::<Vec<Template>>(&raw) {
                Ok((t, rev)) => {
                    loaded.templates = Some(t);
                    loaded.templates_rev = rev;
                }
                Err(error) => loaded.problems.push(Problem {
                    key: self.settings_key(),
                    raw,
                    error,
                }),
            }
        }
        if let Some(raw) = self.get(&self.playbook_key()) {
            match codec::decode_rev::<Vec<Entry>>(&raw) {
                Ok((entries, rev)) => (loaded.playbook, loaded.playbook_rev) = (entries, rev),
                Err(error) => loaded.problems.push(Problem {
                    key: self.playbook_key(),
                    raw,
                    error,
                }),
            }
        }
        loaded
    }

    /// Reads one deal, migrating an older record (and writing the migrated record back).
    pub fn load_deal(&self, id: &Id) -> Option<Result<Deal, RecordError>> {
        let key = self.deal_key(id);
        let raw = self.get(&key)?;
        Some(codec::decode_deal(&raw).map(|decoded| {
            if decoded.migrated {
                let _ = self.put(&key, &decoded.deal, 0);
            }
            decoded.deal
        }))
    }

    /// What storage holds for a deal now: its revision and record, kept aside, or nothing.
    pub fn seen_deal(&self, id: &Id) -> Result<(Seen, Option<Deal>), SaveError> {
        Ok(match self.read(&self.deal_key(id))? {
            None => (Seen::Missing, None),
            Some(raw) => match codec::decode_deal(&raw) {
                Ok(d) => (Seen::Rev(d.deal.rev), Some(d.deal)),
                Err(_) => (Seen::Unreadable, None),
            },
        })
    }

    /// Writes one deal and its index entry: a few KB, never the whole data set. `base` is the
    /// revision this tab last read or wrote (`None` for a deal it created); the write happens
    /// only over exactly that (see [`rules::decide`]).
    pub fn save_deal(&self, deal: &Deal, entry: &IndexEntry, base: Option<u64>) -> Result<(), SaveError> {
        let (seen, stored) = self.seen_deal(&deal.id)?;
        match rules::decide(seen, base) {
            Decision::Write => {}
            Decision::Stale => {
                return Err(SaveError::Stale(Box::new(stored.unwrap_or_else(|| deal.clone()))))
            }
            Decision::Protected => return Err(SaveError::Protected),
            Decision::DeletedElsewhere => return Err(SaveError::Deleted),
        }
        self.put(&self.deal_key(&deal.id), deal, 0)?;
        self.put(&self.index_key(&deal.id), entry, 0)
    }

    /// Rewrites a deal's index entry when it disagrees with the deal (a write that stored the
    /// deal but not its entry). Returns whether it wrote.
    pub fn refresh_index(&self, stored: Option<&IndexEntry>, fresh: &IndexEntry) -> bool {
        let stale =
            stored.is_none_or(|s| s.rev != fresh.rev || s.name != fresh.name || s.client != fresh.client);
        stale && self.put(&self.index_key(&fresh.id), fresh, 0).is_ok()
    }

    /// Removes a deal and its index entry, if storage still holds the revision this tab saw
    /// (a deal changed in another tab since is not deleted unseen).
    pub fn remove_deal(&self, id: &Id, base: Option<u64>) -> Result<(), SaveError> {
        let (seen, stored) = self.seen_deal(id)?;
        match rules::decide(seen, base) {
            Decision::Write | Decision::DeletedElsewhere => {}
            Decision::Stale => return Err(SaveError::Stale(Box::new(stored.ok_or(SaveError::Protected)?))),
            Decision::Protected => return Err(SaveError::Protected),
        }
        self.remove(&self.deal_key(id))?;
        self.remove(&self.index_key(id))
    }

    /// The stored templates and their revision, when readable.
    pub fn load_templates(&self) -> Option<(Vec<Template>, u64)> {
        codec::decode_rev(&self.get(&self.settings_key())?).ok()
    }

    /// Writes the templates over revision `base` (what this tab last read or wrote), as
    /// revision `base + 1`; another tab's newer templates are never overwritten.
    pub fn save_templates(&self, templates: &[Template], base: u64) -> Result<u64, SaveError> {
        let key = self.settings_key();
        if let Some(raw) = self.read(&key)? {
            match codec::decode_rev::<Vec<Template>>(&raw) {
                Ok((theirs, rev)) if rev != base => {
                    return Err(SaveError::TemplatesChanged(Box::new((theirs, rev))))
                }
                Ok(_) => {}
                Err(_) => return Err(SaveError::Protected),
            }
        }
        let rev = base.saturating_add(1);
        self.put(&key, &templates, rev)?;
        Ok(rev)
    }

    /// The stored playbook entries and their revision, when readable.
    pub fn load_playbook(&self) -> Option<(Vec<Entry>, u64)> {
        codec::decode_rev(&self.get(&self.playbook_key())?).ok()
    }

    /// Writes the playbook over revision `base`. When another tab wrote it since, what is
    /// written is theirs with the entries `mine` (changed here and not yet written) laid on it
    /// ([`playbook::merge`]): returned with its revision, for this tab to show. An unreadable
    /// record is never overwritten.
    pub fn save_playbook(
        &self,
        ours: &[Entry],
        mine: &[crate::domain::Id],
        base: u64,
    ) -> Result<(Option<Vec<Entry>>, u64), SaveError> {
        let key = self.playbook_key();
        let mut merged = None;
        let mut rev = base;
        if let Some(raw) = self.read(&key)? {
            match codec::decode_rev::<Vec<Entry>>(&raw) {
                Ok((theirs, stored)) if stored != base => {
                    merged = Some(playbook::merge(&theirs, ours, Some(mine)));
                    rev = stored;
                }
                Ok(_) => {}
                Err(_) => return Err(SaveError::Protected),
            }
        }
        let rev = rev.saturating_add(1);
        self.put(&key, &merged.as_deref().unwrap_or(ours), rev)?;
        Ok((merged, rev))
    }

    /// Characters the whole origin's localStorage uses (every namespace and other apps'): what
    /// the browser's quota counts.
    pub fn origin_chars(&self) -> u64 {
        self.all_keys()
            .into_iter()
            .map(|k| (k.encode_utf16().count() + self.get(&k).map_or(0, |v| v.encode_utf16().count())) as u64)
            .sum()
    }

    /// Characters this namespace uses, counted as browsers count (key + value). A `u64`: the
    /// percentage arithmetic on it must not overflow a 32-bit `usize` in wasm.
    pub fn chars_used(&self) -> u64 {
        let prefix = format!("{}:", self.ns);
        self.all_keys()
            .into_iter()
            .filter(|k| k.starts_with(&prefix))
            .map(|k| (k.encode_utf16().count() + self.get(&k).map_or(0, |v| v.encode_utf16().count())) as u64)
            .sum()
    }
}
