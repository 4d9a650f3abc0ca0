//! The one home for every write. The root state records what changed (`AppState::touched`);
//! the writer decides when and whether to write it (the rules in `store::rules`), talks to the
//! store, and reports back with messages. It also takes in other tabs' changes and runs the
//! data operations: import merge, "replace everything" and its undo, discard, delete all.
//! Views never reach it directly: they call the intent methods of [`super::ctx::Ctx`].

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use yew::UseReducerHandle;

use super::platform::{self, later, now};
use super::route::Route;
use super::state::{AppState, Msg, Notice, StorageWarning};
use crate::domain::book::template_for;
use crate::domain::playbook::{self, Entry};
use crate::domain::text::count;
use crate::domain::{order, Action, Book, Change, Deal, Id, Template, TemplateAction};
use crate::store::local::{Loaded, Problem};
use crate::store::rules::{self, Incoming, Merge, Resolve};
use crate::store::transfer::{self, ExportFile};
use crate::store::{codec, IndexEntry, SaveError, Store};

/// How long typing may pause before it is written.
pub const TYPING_PAUSE_MS: i32 = 300;

/// A conservative localStorage quota, in characters (browsers allow about 5 M per origin).
const QUOTA_CHARS: u64 = 5_000_000;

/// What "Undo replace" puts back: every key the replace may write or remove with its text
/// before; each deal it wrote or removed, before and the revision it wrote (`None`: removed);
/// the templates and the playbook before, and the revisions this tab knew of them right after
/// the replace, for those the file set. What was changed after the replace (its revision moved
/// on) is never put back over (see [`Writer::undo_replace`]).
#[derive(Debug, PartialEq)]
pub struct ReplaceUndo {
    keys: Vec<(String, Option<String>)>,
    deals: Vec<(Id, Option<Deal>, Option<u64>)>,
    templates: Vec<Template>,
    playbook: Vec<Entry>,
    set: (Option<u64>, Option<u64>),
    pub replaced: usize,
}

/// What a replace will do (see [`Writer::replace`]).
struct ReplacePlan {
    incoming: Vec<Deal>,
    dropped: Vec<Id>,
    /// The templates the replace leaves (the file's, or ours if it has none), held in a `Book`
    /// so the deals' list entries read them with its lookup and fallbacks (`template_for`).
    book: Book,
    /// The file's playbook, when it has one.
    playbook: Option<Vec<Entry>>,
    /// Each key with the text it gets.
    writes: Vec<(String, String)>,
    undo: ReplaceUndo,
}

/// What one write did.
#[derive(Clone, Copy, PartialEq)]
enum Wrote {
    Yes,
    /// Nothing to write, or settled another way (another tab's version taken).
    Nothing,
    /// Storage refused (full, blocked): tried again with the next flush.
    Refused,
    /// Another tab wrote first; what this tab has left to write is written again at once
    /// (within the same `pagehide`).
    Again,
}

/// This tab's knowledge of storage, and what waits to be written.
#[derive(Default)]
struct Ledger {
    /// The revision of each deal as this tab last read or wrote it in storage.
    base: order::ListMap<Id, u64>,
    templates_base: u64,
    playbook_base: u64,
    /// Changes seen in the state and not yet written.
    dirty: order::ListMap<Change, ()>,
    seen_seq: u64,
    timer: Option<i32>,
    /// The deal whose edit was last counted for the backup reminder, and whether focus left a
    /// field since: one edited field counts once, however many keystrokes it took.
    counted: Option<Id>,
    blurred: bool,
    /// The deal this instance shows, from its own route (the page's hash, or memory for an
    /// embedded instance): a deal deleted elsewhere while shown here is offered back.
    shown: Option<Id>,
}

pub struct Writer {
    store: Rc<Store>,
    latest: RefCell<Option<UseReducerHandle<AppState>>>,
    ledger: RefCell<Ledger>,
    me: Weak<Writer>,
    /// Whether this instance owns the page's URL hash (the full-page app, or the one embedded
    /// instance given it): only then may it reload the page (see [`Writer::shown`]).
    owns_page: std::cell::Cell<bool>,
}

impl Writer {
    pub fn new(store: Store) -> Rc<Writer> {
        Rc::new_cyclic(|me| Writer {
            store: Rc::new(store),
            latest: RefCell::new(None),
            ledger: RefCell::new(Ledger::default()),
            me: me.clone(),
            owns_page: Default::default(),
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The instance now shows `deal` (or no deal).
    pub fn showing(&self, deal: Option<&Id>) {
        self.ledger().shown = deal.cloned();
    }

    /// The ledger, for reading or changing. One borrow site: a borrow still held when another
    /// begins would stop here (none does: no borrow outlives its statement or block, and the
    /// calls made while one is held — clearing or setting a timer — never run the writer), and
    /// the sites sharing this one cost no panic location each.
    fn ledger(&self) -> std::cell::RefMut<'_, Ledger> {
        self.ledger.borrow_mut()
    }

    /// The root hands over its state handle. A Yew 0.23 `UseReducerHandle` always reads the
    /// current state (and `dispatch` reduces at once), so timers and page events act on what the
    /// user sees now.
    pub fn attach(&self, state: UseReducerHandle<AppState>) {
        *self.latest.borrow_mut() = Some(state);
    }

    /// The root's state handle (it reads the current state).
    fn state(&self) -> Option<UseReducerHandle<AppState>> {
        self.latest.borrow().clone()
    }

    fn send(&self, messages: Vec<Msg>) {
        if let Some(state) = self.state() {
            for msg in messages {
                state.dispatch(msg);
            }
        }
    }

    /// Records the revisions of what startup read.
    pub fn know(&self, id: &Id, rev: u64) {
        self.ledger().base.insert(id.clone(), rev);
    }

    pub fn know_templates(&self, rev: u64) {
        self.ledger().templates_base = rev;
    }

    /// Focus left a field: the next edit counts as a new one for the backup reminder, and a
    /// name field left blank shows its stored name again (see `AppState::blank`) — unless
    /// focus left the page (another tab or window): the field keeps it, and stays blank for
    /// the name the user went to copy.
    pub fn blurred(&self, e: &web_sys::Event) {
        self.ledger().blurred = true;
        // Focus that left the page stays on its element (in-page, it has moved on already).
        let active = platform::document().and_then(|d| d.active_element());
        let left_page = match (active, e.target()) {
            (Some(a), Some(t)) => {
                let (a, t): (&wasm_bindgen::JsValue, &wasm_bindgen::JsValue) = (a.as_ref(), t.as_ref());
                a == t
            }
            _ => false,
        };
        if let Some(state) = self.state().filter(|s| s.blank.is_some() && !left_page) {
            state.dispatch(Msg::Unblank);
        }
    }

    /// The page shows again. Back from the back/forward cache, its memory is as it was when it
    /// hid, and Firefox and Safari fire no `storage` event for what other tabs wrote meanwhile:
    /// it reloads, reading storage afresh — everything waiting was written as it hid. Unless
    /// this tab holds the only copy of something (a change storage refused, a deal to restore
    /// or undo, a replace to undo), or the page is a host page's that gave the instance no say
    /// over its URL (reloading it would lose the host's own state): then it stays as it was,
    /// and a stale write is refused as ever (see `store::rules`).
    pub fn shown(&self, e: &web_sys::Event) {
        let Some(state) = self.state() else { return };
        let stays = !self.owns_page.get()
            || !self.ledger().dirty.is_empty()
            || !self.store.is_available()
            || state.deleted.is_some()
            || state.deleted_elsewhere.is_some()
            || state.undo_replace.is_some();
        if wasm_bindgen::JsCast::unchecked_ref::<web_sys::PageTransitionEvent>(e).persisted() && !stays {
            platform::reload();
        }
    }

    /// Called after every render that changed something: steps are written at once, typing
    /// after a pause of [`TYPING_PAUSE_MS`].
    pub fn noticed(&self, state: &AppState) {
        match self.take_new(state) {
            Some(true) => self.schedule(),
            Some(false) => self.flush(),
            None => {}
        }
    }

    /// Marks what `state` changed since the last look as waiting to be written: `None` when
    /// nothing waits, else whether all of it is typing.
    fn take_new(&self, state: &AppState) -> Option<bool> {
        let mut typing_only = true;
        let mut ledger = self.ledger();
        let seen = ledger.seen_seq;
        for (change, (seq, typing)) in state.touched.iter().filter(|(_, (seq, _))| *seq > seen) {
            ledger.dirty.insert(change.clone(), ());
            typing_only &= *typing;
            ledger.seen_seq = ledger.seen_seq.max(*seq);
        }
        (!ledger.dirty.is_empty()).then_some(typing_only)
    }

    fn schedule(&self) {
        let Some(window) = web_sys::window() else { return };
        let mut ledger = self.ledger();
        if let Some(timer) = ledger.timer.take() {
            window.clear_timeout_with_handle(timer);
        }
        let me = self.me.clone();
        ledger.timer = later(
            TYPING_PAUSE_MS,
            Box::new(move || {
                if let Some(writer) = me.upgrade() {
                    writer.ledger().timer = None;
                    writer.flush();
                }
            }),
        );
    }

    /// Writes everything waiting, now (also on `pagehide` and when the page is hidden) —
    /// including changes made since the last render: the handle reads the reducer's current
    /// state, so a line added as the page goes (`keep_typed`) is written before it has
    /// rendered, which an unloading page may never do.
    pub fn flush(&self) {
        let Some(state) = self.state() else { return };
        self.take_new(&state);
        let dirty = {
            let mut ledger = self.ledger();
            if let (Some(timer), Some(w)) = (ledger.timer.take(), web_sys::window()) {
                w.clear_timeout_with_handle(timer);
            }
            // Written in the order of `Change` (deals by id, then templates), as ever.
            let mut dirty: Vec<Change> = std::mem::take(&mut ledger.dirty).into_keys().collect();
            order::sort_by(&mut dirty, &|a, b| a.cmp(b));
            dirty
        };
        if dirty.is_empty() {
            return;
        }
        let mut out = Vec::new();
        let (mut wrote, mut again) = (None, false);
        for change in dirty {
            let done = match &change {
                Change::Deal(id) => match state.book.deals.get(id) {
                    Some(deal) => self.write_deal(&state, deal, &mut out),
                    None => Wrote::Nothing,
                },
                Change::DealRemoved(id) => self.remove_deal(&state, id, &mut out),
                Change::Templates => self.write_templates(&state, &mut out),
                Change::Playbook => self.write_playbook(&state.book, &mut out),
            };
            match (done, &change) {
                (Wrote::Yes, Change::Deal(id)) => wrote = wrote.or(Some(id.clone())),
                (Wrote::Again, _) => again = true,
                // Tried again with the next flush. Without storage at all there is nothing to
                // retry: the state is the only copy, and the banner has said so since startup.
                (Wrote::Refused, _) if self.store.is_available() => {
                    self.ledger().dirty.insert(change, ());
                }
                _ => {}
            }
        }
        if let Some(meta) = wrote.and_then(|id| self.count_edit(id)) {
            out.push(Msg::Meta(meta));
        }
        self.send(out);
        if again {
            self.flush();
        }
    }

    /// Writes one deal over the revision this tab knows.
    fn write_deal(&self, state: &AppState, deal: &Deal, out: &mut Vec<Msg>) -> Wrote {
        let base = self.ledger().base.get(&deal.id).copied();
        if base == Some(deal.rev) {
            return Wrote::Nothing;
        }
        let entry = IndexEntry::of(deal, state.book.template_for(deal), now());
        let started = platform::perf_now();
        let saved = self.store.save_deal(deal, &entry, base);
        platform::mark_save(started);
        match saved {
            Ok(_) => {
                self.know(&deal.id, deal.rev);
                out.push(Msg::Persisted {
                    entry: Some(Box::new(entry)),
                    result: Ok(None),
                });
                Wrote::Yes
            }
            Err(SaveError::Stale(theirs)) => {
                self.not_applied(state, deal, out);
                out.push(self.take(state, *theirs));
                Wrote::Nothing
            }
            Err(SaveError::Deleted) => {
                self.ledger().base.remove(&deal.id);
                out.push(Msg::Removed(deal.id.clone()));
                out.push(Msg::DeletedElsewhere(Some(Rc::new(deal.clone()))));
                Wrote::Nothing
            }
            Err(e) => {
                out.push(Msg::Persisted {
                    entry: Some(Box::new(entry)),
                    result: Err(StorageWarning::of(&e)),
                });
                Wrote::Refused
            }
        }
    }

    /// `mine` lost to another tab's version of the deal, saved at the same moment. It is kept
    /// as a deal of its own, "… (your version)", written like any new deal, so what was typed
    /// here outlives the tab; the banner names it. Storage refusing it keeps it in this tab
    /// (written with the next save that goes through), like a merge's deals.
    fn not_applied(&self, state: &AppState, mine: &Deal, out: &mut Vec<Msg>) {
        let copy = copy_of(mine, " (your version)");
        out.push(Msg::Stale(Some(Rc::new(copy.clone()))));
        self.keep_copy(state, copy, out);
    }

    /// Writes `copy` (from [`copy_of`]) like any new deal; storage refusing it keeps it in this
    /// tab, written with the next save that goes through.
    fn keep_copy(&self, state: &AppState, copy: Deal, out: &mut Vec<Msg>) {
        let entry = IndexEntry::of(&copy, state.book.template_for(&copy), now());
        match self.store.save_deal(&copy, &entry, None) {
            Ok(_) => self.know(&copy.id, copy.rev),
            Err(_) => self.keep_dirty(&copy.id),
        }
        out.push(Msg::Loaded(Some(Box::new(copy)), Box::new(entry)));
    }

    fn keep_dirty(&self, id: &Id) {
        self.ledger().dirty.insert(Change::Deal(id.clone()), ());
    }

    /// Shows a version read from storage (another tab's), noting its revision.
    fn take(&self, state: &AppState, theirs: Deal) -> Msg {
        self.know(&theirs.id, theirs.rev);
        let entry = IndexEntry::of(&theirs, state.book.template_for(&theirs), now());
        Msg::Loaded(Some(Box::new(theirs)), Box::new(entry))
    }

    fn remove_deal(&self, state: &AppState, id: &Id, out: &mut Vec<Msg>) -> Wrote {
        let base = self.ledger().base.get(id).copied();
        match self.store.remove_deal(id, base) {
            Ok(()) => {
                self.ledger().base.remove(id);
                out.push(Msg::Removed(id.clone()));
                Wrote::Nothing
            }
            Err(SaveError::Stale(theirs)) => {
                out.push(self.take(state, *theirs));
                out.push(Msg::Notify(Some(Notice::Error(
                    "Another tab changed this deal after you opened it, so it was not deleted. It shows their version now."
                        .into(),
                ))));
                Wrote::Nothing
            }
            Err(e) => {
                // Gone from this tab either way; storage catches up when it can.
                out.push(Msg::Removed(id.clone()));
                out.push(Msg::Persisted {
                    entry: None,
                    result: Err(StorageWarning::of(&e)),
                });
                Wrote::Refused
            }
        }
    }

    /// Writes the templates; when another tab wrote them since, this tab's unsaved edits are
    /// replayed over theirs (`Msg::Templates`) and written again.
    fn write_templates(&self, state: &AppState, out: &mut Vec<Msg>) -> Wrote {
        let base = self.ledger().templates_base;
        match self.store.save_templates(&state.book.templates, base) {
            Ok(rev) => {
                self.know_templates(rev);
                out.push(Msg::TemplatesSaved);
                self.rescore(state, &state.book.templates, out);
                out.push(Msg::Persisted {
                    entry: None,
                    result: Ok(None),
                });
                Wrote::Nothing
            }
            Err(SaveError::TemplatesChanged(changed)) => {
                let (theirs, rev) = *changed;
                self.know_templates(rev);
                out.push(Msg::Templates(theirs));
                Wrote::Again
            }
            Err(e) => {
                out.push(Msg::Persisted {
                    entry: None,
                    result: Err(StorageWarning::of(&e)),
                });
                Wrote::Refused
            }
        }
    }

    /// The templates changed (to `templates`): each list entry scored with a template as it no
    /// longer is is scored again from its deal record and written back, so the list shows what
    /// a reload would read. A deal storage can't give is left as it is (startup and opening
    /// report it).
    fn rescore(&self, state: &AppState, templates: &[Template], out: &mut Vec<Msg>) {
        let stamps = crate::domain::template::stamps(templates);
        for e in state.index.values().filter(|e| !e.fresh(&stamps)) {
            if let Some(Ok(deal)) = self.store.load_deal(&e.id) {
                let entry = IndexEntry::of(&deal, template_for(templates, &deal), now());
                self.store.refresh_index(None, &entry);
                out.push(Msg::Loaded(None, Box::new(entry)));
            }
        }
    }

    /// Writes the playbook; another tab's entries written since are merged in, not overwritten.
    fn write_playbook(&self, book: &crate::domain::Book, out: &mut Vec<Msg>) -> Wrote {
        let base = self.ledger().playbook_base;
        let (merged, result) = match self
            .store
            .save_playbook(&book.playbook, &book.unsaved_playbook, base)
        {
            Ok((merged, rev)) => {
                self.ledger().playbook_base = rev;
                out.push(Msg::PlaybookSaved);
                (merged, Ok(None))
            }
            Err(e) => (None, Err(StorageWarning::of(&e))),
        };
        let refused = result.is_err();
        out.push(Msg::Persisted { entry: None, result });
        if let Some(merged) = merged {
            out.push(Msg::Playbook(merged, false));
        }
        if refused {
            Wrote::Refused
        } else {
            Wrote::Nothing
        }
    }

    /// Counts one edit for the backup reminder when another deal than the last counted one was
    /// written, or focus left a field since ([`rules::new_edit`]).
    fn count_edit(&self, id: Id) -> Option<crate::store::local::Meta> {
        {
            let mut ledger = self.ledger();
            if !rules::new_edit(ledger.counted.as_ref(), ledger.blurred, &id) {
                return None;
            }
            ledger.counted = Some(id);
            ledger.blurred = false;
        }
        self.store.update_meta(|m| m.record_edit(now())).ok()
    }

    /// What startup reads: the list, the templates, the bookmarked deal, and the warnings.
    /// `hash`: the instance follows the page's URL hash (else it starts on the list).
    pub fn initial_state(&self, hash: bool) -> AppState {
        self.owns_page.set(hash);
        let store = self.store();
        let mut state = AppState::default();
        let started = platform::perf_now();
        // An entry rebuilt at startup reads its deal's own template (none stored: the default).
        let mut book = Book::default();
        if let Some((templates, _)) = store.load_templates() {
            book.templates = templates;
        }
        let loaded: Loaded = store.load(&book.templates, now());
        platform::mark_host("data-load-us", &platform::micros(started));
        self.know_templates(loaded.templates_rev);
        self.ledger().playbook_base = loaded.playbook_rev;
        state.reloaded(loaded);
        state.meta = store.load_meta();
        // A bookmark opens straight to its deal: load it before the first render.
        let shown = hash.then(Route::current).and_then(|r| r.deal().cloned());
        self.showing(shown.as_ref());
        if let Some(id) = shown {
            match self.load(&state, &id) {
                Some(Ok((deal, entry))) => {
                    Rc::make_mut(&mut state.index).insert(id.clone(), entry);
                    state.book.deals.insert(id, *deal);
                }
                Some(Err(problem)) => state.add_problem(problem),
                None => {}
            }
        }
        if let Some(why) = &store.unavailable {
            state.storage_warning = Some(StorageWarning::Other(format!(
                "Storage is unavailable here ({why}). Deal Prep works, but nothing is kept after you close this tab: export your work to keep it."
            )));
        } else if !state.problems.is_empty() {
            let names = state.problems.iter().map(|p| format!("{} — {}", p.key, p.error));
            state.storage_warning = Some(StorageWarning::Other(format!(
                "Some saved records were kept aside untouched (see Data): {}.",
                crate::domain::text::join(names, "; ")
            )));
        }
        state
    }

    /// Loads a deal from storage into the book if it is not there yet (a route needs it).
    pub fn ensure_loaded(&self, id: &Id) {
        let Some(state) = self.state() else { return };
        if state.book.deals.contains_key(id) {
            return;
        }
        let msg = match self.load(&state, id) {
            Some(Ok((deal, entry))) => Msg::Loaded(Some(deal), Box::new(entry)),
            Some(Err(problem)) => Msg::Problem(problem),
            None => return,
        };
        state.dispatch(msg);
    }

    /// Reads one deal from storage (opening it), noting the revision seen. `None`: no such deal.
    pub fn load(&self, state: &AppState, id: &Id) -> Option<Result<(Box<Deal>, IndexEntry), Problem>> {
        Some(match self.store.load_deal(id)? {
            Ok(deal) => {
                self.know(id, deal.rev);
                let entry = IndexEntry::of(&deal, state.book.template_for(&deal), now());
                // A list entry left stale by a failed second write is rewritten.
                self.store.refresh_index(state.index.get(id), &entry);
                Ok((Box::new(deal), entry))
            }
            Err(error) => {
                let key = self.store.deal_key(id);
                let raw = self.store.raw(&key).unwrap_or_default();
                Err(Problem { key, raw, error })
            }
        })
    }

    /// Another tab changed `key` (the `storage` event). Every record kind is taken in; a stale
    /// tab never overwrites what arrives (see `store::rules::incoming`).
    pub fn on_storage(&self, key: &str) {
        let Some(state) = self.state() else { return };
        let ns = self.store.namespace();
        let Some(rest) = key.strip_prefix(ns).and_then(|k| k.strip_prefix(':')) else {
            return;
        };
        let mut out = Vec::new();
        if let Some(id) = rest.strip_prefix("deal:").and_then(|s| Id::new(s).ok()) {
            // A read that fails, or a record this build can't read, is left for opening to report.
            let Ok((seen, theirs)) = self.store.seen_deal(&id) else {
                return;
            };
            if seen == rules::Seen::Unreadable {
                return;
            }
            let mine = state.book.deals.get(&id);
            let base = self.ledger().base.get(&id).copied();
            let unsaved = self.ledger().dirty.contains_key(&Change::Deal(id.clone()))
                || mine.is_some_and(|m| Some(m.rev) != base);
            let open = self.ledger().shown.as_ref() == Some(&id);
            let decision = rules::incoming(mine, base, unsaved, open, theirs.as_ref());
            match (decision, theirs) {
                (Incoming::Same, Some(theirs)) => self.know(&id, theirs.rev),
                (Incoming::Take | Incoming::Conflict, Some(theirs)) => {
                    self.ledger().dirty.remove(&Change::Deal(id.clone()));
                    if let (Incoming::Conflict, Some(mine)) = (decision, mine) {
                        self.not_applied(&state, mine, &mut out);
                    }
                    out.push(self.take(&state, theirs));
                }
                (Incoming::Remove, _) => {
                    self.ledger().base.remove(&id);
                    out.push(Msg::Removed(id));
                }
                (Incoming::DeletedWhileOpen, _) => {
                    let mut ledger = self.ledger();
                    ledger.base.remove(&id);
                    ledger.dirty.remove(&Change::Deal(id.clone()));
                    drop(ledger);
                    out.push(Msg::DeletedElsewhere(mine.map(|m| Rc::new(m.clone()))));
                    out.push(Msg::Removed(id));
                }
                // Same, Take and Conflict are only decided with their version in hand.
                _ => {}
            }
        } else if rest == "settings" {
            let Some((theirs, rev)) = self.store.load_templates() else {
                return;
            };
            let mut ledger = self.ledger();
            if rev == ledger.templates_base {
                return;
            }
            ledger.templates_base = rev;
            // This tab's unsaved edits are replayed over theirs, then written (`Msg::Templates`).
            ledger.dirty.remove(&Change::Templates);
            drop(ledger);
            self.rescore(&state, &theirs, &mut out);
            out.push(Msg::Templates(theirs));
        } else if rest == "playbook" {
            let Some((theirs, rev)) = self.store.load_playbook() else {
                return;
            };
            if std::mem::replace(&mut self.ledger().playbook_base, rev) == rev {
                return;
            }
            // Theirs, with this tab's entries not yet written laid on it (their write is on its
            // way): nothing this tab only read is written back, so two tabs never answer each
            // other's writes forever.
            let merged = playbook::merge(&theirs, &state.book.playbook, Some(&state.book.unsaved_playbook));
            out.push(Msg::Playbook(merged, false));
        } else if rest == "meta" {
            out.push(Msg::Meta(self.store.load_meta()));
        }
        self.send(out);
    }

    /// Every deal to export: what storage holds, with in-memory versions that are newer (edits a
    /// full or blocked storage could not keep) taking their place.
    pub fn deals_for_export(&self, state: &AppState) -> Vec<Deal> {
        self.held(state).into_values().collect()
    }

    /// Every deal by id, as stored or newer in memory.
    fn held(&self, state: &AppState) -> order::SortedMap<Id, Deal> {
        let mut by_id = order::SortedMap::default();
        self.store.each_deal(&mut |d| {
            by_id.insert(d.id.clone(), d);
        });
        for deal in state.book.deals.values() {
            if by_id.get(&deal.id).is_none_or(|s| s.rev < deal.rev) {
                by_id.insert(deal.id.clone(), deal.clone());
            }
        }
        by_id
    }

    /// Everything, records kept aside included, as an export file.
    pub fn backup(&self, state: &AppState) -> ExportFile {
        let mut file = transfer::export(self.deals_for_export(state), state.book.templates.clone(), now());
        file.playbook = state.book.playbook.clone();
        file.aside = state
            .problems
            .iter()
            .map(|p| (p.key.clone(), p.raw.clone()))
            .collect();
        file
    }

    /// Records a successful export in the bookkeeping record: no edit is unexported now, in
    /// this tab even when storage refuses the record.
    pub fn exported(&self, at: crate::domain::Minutes) {
        let meta = crate::store::local::Meta {
            last_export: Some(at),
            ..Default::default()
        };
        let _ = self.store.save_meta(&meta);
        self.send(vec![Msg::Meta(meta)]);
    }

    /// What this browser holds for each id (stored, or newer in memory), and the ids kept aside.
    fn ours(&self, state: &AppState) -> (order::SortedMap<Id, Deal>, Vec<Id>) {
        let ours = self.held(state);
        let prefix = format!("{}:deal:", self.store.namespace());
        let aside = state
            .problems
            .iter()
            .filter_map(|p| p.key.strip_prefix(&prefix).and_then(|s| Id::new(s).ok()))
            .collect();
        (ours, aside)
    }

    /// What a merge of `file` would do, deal by deal.
    pub fn plan(&self, state: &AppState, file: &ExportFile) -> Vec<(Id, Merge)> {
        let (ours, aside) = self.ours(state);
        rules::merge_plan(&ours, &aside, &file.deals)
    }

    /// Merges `file`: the plan is made again now (another tab may have written since the
    /// preview), each deal is written only over the revision just read, records kept aside are
    /// never touched, and conflicts follow the user's choices. Without storage, the deals are
    /// merged into this tab and the notice says so.
    pub fn merge(&self, file: &ExportFile, choices: &rules::Choices) {
        let Some(state) = self.state() else { return };
        let mut out = Vec::new();
        let mut taken = 0;
        let mut failed = None;
        // The file's templates join ours as edits made here: should another tab write the
        // templates first, they are replayed over its templates like anything typed here.
        // Sent and written first, so the deals' list entries below, and those other tabs make
        // as they hear the deals, read the templates they use.
        for t in &file.templates {
            state.dispatch(Msg::Do(
                Action::Template(TemplateAction::Insert(t.clone())),
                now(),
                false,
            ));
        }
        self.flush();
        for (deal, (_, merge)) in file.deals.iter().zip(self.plan(&state, file)) {
            let incoming = match (merge, choices.get(&deal.id).copied().unwrap_or_default()) {
                (Merge::New | Merge::Updated, _) | (Merge::Conflict, Resolve::TakeFile) => deal.clone(),
                (Merge::Conflict, Resolve::KeepBoth) => copy_of(deal, " (imported)"),
                _ => continue,
            };
            taken += 1;
            let entry = IndexEntry::of(&incoming, state.book.template_for(&incoming), now());
            if failed.is_none() && self.store.is_available() {
                let written = self
                    .store
                    .seen_deal(&incoming.id)
                    .and_then(|(seen, _)| match seen {
                        rules::Seen::Rev(rev) => Ok(Some(rev)),
                        rules::Seen::Missing => Ok(None),
                        rules::Seen::Unreadable => Err(SaveError::Protected),
                    })
                    .and_then(|base| self.store.save_deal(&incoming, &entry, base));
                match written {
                    Ok(_) => self.know(&incoming.id, incoming.rev),
                    Err(e) => failed = Some(e),
                }
            }
            if failed.is_some() {
                // Kept in this tab and written with the next successful save.
                self.keep_dirty(&incoming.id);
            }
            out.push(Msg::Loaded(Some(Box::new(incoming)), Box::new(entry)));
        }
        // The file's playbook entries join ours: the later change of each wins. Written when
        // the file has any (unchanged, it is one write more).
        if !file.playbook.is_empty() {
            out.push(Msg::Playbook(
                playbook::merge(&state.book.playbook, &file.playbook, None),
                true,
            ));
        }
        if failed.is_none() && self.store.is_available() && taken > 0 {
            // Every write went through: a "storage is full" warning no longer holds.
            out.push(Msg::Persisted {
                entry: None,
                result: Ok(None),
            });
        }
        let notice = match failed {
            None if self.store.is_available() => Notice::Info(format!("Imported {}.", count(taken, "deal", "deals"))),
            None => Notice::Error(format!(
                "Storage is unavailable here: {} merged into this tab only. Export before you close it.",
                count(taken, "deal was", "deals were")
            )),
            Some(e) => Notice::Error(format!(
                "The import could not be saved completely ({e}). Every imported deal is open in this tab; export to keep them."
            )),
        };
        out.push(Msg::Notify(Some(notice)));
        self.send(out);
        // Writes that storage refused earlier (it was full) are tried again once this renders
        // (not now: the deals just sent are not in the state yet).
        self.schedule();
    }

    /// Replaces this browser's deals with the file's: the new records are written first, the old
    /// ones removed only after every write succeeded (and only with `drop_missing`); records
    /// kept aside stay; templates are replaced only when the file has some. The backup is
    /// downloaded by the caller before this runs, and "Undo replace" restores the rest.
    pub fn replace(&self, file: &ExportFile, drop_missing: bool) -> Result<(), String> {
        // What waits is written first: the replace's templates are then this tab's as stored.
        self.flush();
        let Some(state) = self.state() else { return Ok(()) };
        let mut plan = self.replace_plan(&state, file, drop_missing);
        if self.store.is_available() {
            self.write_replace(&plan, !file.templates.is_empty())?;
        }
        plan.undo.set = {
            let ledger = self.ledger();
            (
                (!file.templates.is_empty()).then_some(ledger.templates_base),
                plan.playbook.as_ref().map(|_| ledger.playbook_base),
            )
        };
        let mut out = Vec::new();
        for d in plan.incoming {
            self.know(&d.id, d.rev);
            let entry = IndexEntry::of(&d, plan.book.template_for(&d), now());
            out.push(Msg::Loaded(Some(Box::new(d)), Box::new(entry)));
        }
        for id in &plan.dropped {
            self.ledger().base.remove(id);
            out.push(Msg::Removed(id.clone()));
        }
        out.push(Msg::Templates(plan.book.templates));
        if let Some(entries) = plan.playbook {
            out.push(Msg::Playbook(entries, false));
        }
        out.push(Msg::UndoReplace(Some(Rc::new(plan.undo))));
        if self.store.is_available() {
            // Every write went through: a "storage is full" warning no longer holds.
            out.push(Msg::Persisted {
                entry: None,
                result: Ok(None),
            });
        }
        // An earlier "nothing was replaced" no longer holds either.
        out.push(Msg::Notify(None));
        self.send(out);
        self.schedule();
        Ok(())
    }

    /// What a replace writes and removes, and the snapshot that undoes it: every key it touches
    /// with its text before, and the deals and templates in memory before.
    fn replace_plan(&self, state: &AppState, file: &ExportFile, drop_missing: bool) -> ReplacePlan {
        let (ours, aside) = self.ours(state);
        let incoming: Vec<Deal> = file
            .deals
            .iter()
            .filter(|d| !aside.contains(&d.id))
            .cloned()
            .collect();
        let in_file: Vec<&Id> = order::sorted(file.deals.iter().map(|d| &d.id));
        let dropped: Vec<Id> = match drop_missing {
            true => ours
                .keys()
                .filter(|id| in_file.binary_search(id).is_err())
                .cloned()
                .collect(),
            false => Vec::new(),
        };
        let book = Book {
            templates: match file.templates.is_empty() {
                true => state.book.templates.clone(),
                false => file.templates.clone(),
            },
            ..Book::default()
        };
        let store = &self.store;
        let touched: Vec<&Id> = incoming.iter().map(|d| &d.id).chain(&dropped).collect();
        let mut keys: Vec<(String, Option<String>)> = touched
            .iter()
            .flat_map(|id| [store.deal_key(id), store.index_key(id)])
            .map(|k| {
                let before = store.raw(&k);
                (k, before)
            })
            .collect();
        for key in [store.settings_key(), store.playbook_key()] {
            let before = store.raw(&key);
            keys.push((key, before));
        }
        let writes = incoming
            .iter()
            .flat_map(|d| {
                let entry = IndexEntry::of(d, book.template_for(d), now());
                [
                    (store.deal_key(&d.id), codec::encode(d)),
                    (store.index_key(&d.id), codec::encode(&entry)),
                ]
            })
            .collect();
        let undo = ReplaceUndo {
            deals: touched
                .iter()
                .map(|id| {
                    let wrote = incoming.iter().find(|d| d.id == **id).map(|d| d.rev);
                    ((*id).clone(), ours.get(*id).cloned(), wrote)
                })
                .collect(),
            keys,
            templates: state.book.templates.clone(),
            playbook: state.book.playbook.clone(),
            set: (None, None),
            replaced: incoming.len(),
        };
        ReplacePlan {
            incoming,
            dropped,
            book,
            playbook: (!file.playbook.is_empty()).then(|| file.playbook.clone()),
            writes,
            undo,
        }
    }

    /// Writes a replace: refused up front when the space is short; every key put back if a write
    /// fails; deals removed only after every write succeeded.
    fn write_replace(&self, plan: &ReplacePlan, with_templates: bool) -> Result<(), String> {
        let store = &self.store;
        let size = |texts: &mut dyn Iterator<Item = Option<&String>>| -> u64 {
            texts.map(|t| t.map_or(0, |t| t.len() as u64)).sum()
        };
        let before = size(&mut plan.undo.keys.iter().map(|(_, t)| t.as_ref()));
        let after = size(&mut plan.writes.iter().map(|(_, t)| Some(t)));
        if after > before && store.origin_chars() + (after - before) > QUOTA_CHARS {
            return Err(format!(
                "the file needs about {} more than the free space here, so nothing was replaced",
                crate::domain::text::size((after - before) * 2)
            ));
        }
        let (rev, playbook_rev) = {
            let ledger = self.ledger();
            (
                ledger.templates_base.saturating_add(1),
                ledger.playbook_base.saturating_add(1),
            )
        };
        let settings =
            with_templates.then(|| (store.settings_key(), codec::encode_rev(&plan.book.templates, rev)));
        let entries = plan
            .playbook
            .as_ref()
            .map(|p| (store.playbook_key(), codec::encode_rev(p, playbook_rev)));
        // The templates first: another tab hearing the deals lists them with their templates.
        let written = settings
            .iter()
            .chain(&plan.writes)
            .chain(entries.as_ref())
            .try_for_each(|(k, t)| store.restore_raw(k, Some(t)));
        if let Err(e) = written {
            for (k, before) in &plan.undo.keys {
                let _ = store.restore_raw(k, before.as_deref());
            }
            return Err(format!("{e} Nothing was replaced."));
        }
        if with_templates {
            self.know_templates(rev);
        }
        if entries.is_some() {
            self.ledger().playbook_base = playbook_rev;
        }
        for id in &plan.dropped {
            let _ = store.restore_raw(&store.deal_key(id), None);
            let _ = store.restore_raw(&store.index_key(id), None);
        }
        Ok(())
    }

    /// Puts back what the replace changed, never over what was changed after it (here or in
    /// another tab): a deal edited since is put back and its edited version kept as a copy
    /// beside it; a deal the file brought and edited since stays; templates or a playbook
    /// changed since stay. The notice names what was kept.
    pub fn undo_replace(&self, undo: &ReplaceUndo) {
        // What waits to be written first: its revisions then tell what changed since.
        self.flush();
        let Some(state) = self.state() else { return };
        let store = &self.store;
        let (mut out, mut skip, mut kept) = (Vec::new(), Vec::new(), Vec::new());
        let revs = {
            let ledger = self.ledger();
            (Some(ledger.templates_base), Some(ledger.playbook_base))
        };
        match undo.set.0 {
            None => skip.push(store.settings_key()),
            // Put back first: the list entries of the deals put back below read them.
            set if set == revs.0 => self.send(vec![Msg::Templates(undo.templates.clone())]),
            _ => {
                kept.push("the templates".to_owned());
                skip.push(store.settings_key());
            }
        }
        for (id, before, wrote) in &undo.deals {
            // Every deal the replace wrote is in memory since (and each edit moves its revision).
            let current = state.book.deals.get(id);
            let changed = current.map(|d| d.rev) != *wrote;
            match (before, current) {
                (Some(deal), current) => {
                    if let (true, Some(edited)) = (changed, current) {
                        let copy = copy_of(edited, " (edited after the replace)");
                        kept.push(format!("“{}”", copy.name));
                        self.keep_copy(&state, copy, &mut out);
                    }
                    self.know(id, deal.rev);
                    let entry = IndexEntry::of(deal, state.book.template_for(deal), now());
                    out.push(Msg::Loaded(Some(Box::new(deal.clone())), Box::new(entry)));
                }
                (None, Some(edited)) if changed => {
                    kept.push(format!("“{}”", edited.name));
                    skip.extend([store.deal_key(id), store.index_key(id)]);
                }
                (None, _) => {
                    self.ledger().base.remove(id);
                    out.push(Msg::Removed(id.clone()));
                }
            }
        }
        match undo.set.1 {
            None => skip.push(store.playbook_key()),
            set if set == revs.1 => out.push(Msg::Playbook(undo.playbook.clone(), false)),
            _ => {
                kept.push("the playbook".to_owned());
                skip.push(store.playbook_key());
            }
        }
        if store.is_available() {
            for (k, before) in undo.keys.iter().filter(|(k, _)| !skip.contains(k)) {
                let _ = store.restore_raw(k, before.as_deref());
            }
            if let Some((_, rev)) = store.load_templates() {
                self.know_templates(rev);
            }
            self.ledger().playbook_base = store.load_playbook().map_or(0, |(_, rev)| rev);
        }
        let notice = match kept.is_empty() {
            true => "The replace was undone.".to_owned(),
            false => format!(
                "The replace was undone; what was changed after it is kept: {}.",
                crate::domain::text::join(&kept, ", ")
            ),
        };
        out.push(Msg::UndoReplace(None));
        out.push(Msg::Notify(Some(Notice::Info(notice))));
        self.send(out);
    }

    /// Removes a record kept aside, which the user chose to discard. Nothing else changes.
    pub fn discard(&self, key: &str) {
        let msg = match self.store.discard(key) {
            Ok(()) => Msg::Discarded(key.to_owned()),
            Err(e) => Msg::Notify(Some(Notice::Error(format!(
                "The record could not be removed: {e}"
            )))),
        };
        self.send(vec![msg]);
    }

    /// Removes every record of this namespace, and the deals in memory: the user typed "delete".
    pub fn delete_all(&self) {
        let result = self.store.clear_all();
        *self.ledger() = Ledger::default();
        let notice = match result {
            Ok(()) => Notice::Info("All Deal Prep data in this browser was deleted.".into()),
            Err(e) => Notice::Error(format!("Some data could not be deleted: {e}")),
        };
        self.send(vec![
            Msg::Reload(Box::default()),
            Msg::Meta(Default::default()),
            Msg::Notify(Some(notice)),
        ]);
    }
}

/// `deal` as a new deal beside it: a fresh id, its name followed by `label`, and the user's
/// own even when `deal` is the sample (deleting a sample has no undo).
fn copy_of(deal: &Deal, label: &str) -> Deal {
    let mut copy = deal.clone();
    copy.id = platform::new_id('d');
    copy.sample = false;
    copy.name = format!("{}{label}", copy.name)
        .chars()
        .take(crate::domain::NAME_MAX)
        .collect();
    copy
}
