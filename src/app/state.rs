//! The root state and its reducer. The reducer applies domain actions and records what changed;
//! it never touches storage or the DOM — the root component's effect persists the change.

use std::rc::Rc;

use yew::Reducible;

use crate::domain::{order, Action, Book, Change, Deal, Id, Minutes, Template};
use crate::store::local::{Loaded, Meta, Problem};
use crate::store::{IndexEntry, SaveError};

/// A message for the banner area.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Error(String),
    Info(String),
}

/// A lasting warning about storage. A full quota clears itself on the next successful write;
/// the others stay until the page is reloaded.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageWarning {
    Full(String),
    Other(String),
}

impl StorageWarning {
    pub fn of(error: &SaveError) -> StorageWarning {
        let text = error.to_string();
        match error {
            SaveError::Quota => StorageWarning::Full(text),
            _ => StorageWarning::Other(text),
        }
    }
    pub fn text(&self) -> &str {
        match self {
            StorageWarning::Full(text) | StorageWarning::Other(text) => text,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppState {
    pub book: Book,
    /// What the deal list shows, one entry per stored deal.
    /// Shared, so the many messages that do not touch it (saved, meta, notices) do not copy a
    /// thousand entries; changed with `Rc::make_mut`.
    pub index: Rc<order::SortedMap<Id, IndexEntry>>,
    /// Every change made in this tab, with the sequence number of its latest action and whether
    /// that action was typing (written after a pause) or a step (written at once). A map, not
    /// one slot: two actions dispatched in one tick are both written.
    pub touched: Rc<order::ListMap<Change, (u64, bool)>>,
    pub seq: u64,
    pub notice: Option<Notice>,
    /// A persistent warning about storage (unavailable, full, records kept aside).
    pub storage_warning: Option<StorageWarning>,
    /// Whether the last write succeeded.
    pub saved: bool,
    /// Records kept aside (unreadable or from a newer version), untouched until discarded.
    pub problems: Vec<Problem>,
    /// Backup bookkeeping (last export, edits since).
    pub meta: Meta,
    /// The backup reminder was dismissed in this session.
    pub reminder_dismissed: bool,
    /// A deal deleted a moment ago, kept so the delete can be undone. This deal and the two
    /// below are shared: each state update (one per keystroke) and each banner's callback
    /// copies a pointer, not the deal.
    pub deleted: Option<Rc<Deal>>,
    /// This tab's version of a deal that lost to another tab's, saved at the same moment, kept
    /// as a deal of its own: the banner names it and links to it, so nothing is lost.
    pub stale: Option<Rc<Deal>>,
    /// A deal another tab deleted while this tab had it open or unsaved: restore or discard.
    pub deleted_elsewhere: Option<Rc<Deal>>,
    /// What "Undo replace" puts back, while this tab is open.
    pub undo_replace: Option<Rc<super::writer::ReplaceUndo>>,
    /// A new version of the app is ready; it is used after a reload (never swapped mid-edit).
    pub update_ready: bool,
    /// The name field the user has typed blank (the id or key of what it names, from
    /// `Action::named`): the domain refused the blank name and kept the stored one, and the
    /// field shows what was typed, not that name (see [`super::ctx::Ctx::name_value`]).
    pub blank: Option<String>,
}

impl AppState {
    /// Whether to remind the user to export: there is data, and no export for 7 days or 50 edits.
    pub fn backup_due(&self, now: Minutes) -> bool {
        !self.index.is_empty() && !self.reminder_dismissed && self.meta.backup_due(now)
    }

    /// Records a record found unreadable when it was opened, and says so.
    pub fn add_problem(&mut self, problem: Problem) {
        if !self.problems.iter().any(|p| p.key == problem.key) {
            self.storage_warning = Some(StorageWarning::Other(format!(
                "The saved record {} could not be opened: {}. It is kept aside untouched; see Data to download or discard it.",
                problem.key, problem.error
            )));
            self.problems.push(problem);
        }
    }

    /// Takes what was read from storage at startup, or after "delete all data" (the only time
    /// the in-memory deals are dropped: the user asked for exactly that).
    pub fn reloaded(&mut self, loaded: Loaded) {
        self.index = Rc::new(loaded.index);
        self.book.deals.clear();
        self.book.templates = loaded.templates.unwrap_or_else(|| Book::default().templates);
        self.book.unsaved_templates.clear();
        self.book.playbook = loaded.playbook;
        self.problems = loaded.problems;
    }

    fn record(&mut self, change: Change, typing: bool) {
        self.seq += 1;
        Rc::make_mut(&mut self.touched).insert(change, (self.seq, typing));
    }
}

/// What the UI asks the root state to do.
pub enum Msg {
    /// A user operation at a time; `true` when it is typing (saved after a short pause).
    Do(Action, Minutes, bool),
    /// A deal read from storage (opened, imported, or changed in another tab) with its list
    /// entry. The writer has decided it may be shown (see `store::rules`), so it replaces what
    /// memory holds. Without a deal: only its entry, scored again after the templates changed.
    Loaded(Option<Box<Deal>>, Box<IndexEntry>),
    /// Templates stored already (another tab's, a replace's): this tab's template edits not yet
    /// written (an import's templates among them) are replayed over them, and written.
    Templates(Vec<Template>),
    /// The templates as this tab has them are in storage now (sent in the same task as the
    /// write: no edit comes between).
    TemplatesSaved,
    /// The playbook was written: no entry is this tab's alone any more.
    PlaybookSaved,
    /// The playbook's entries from storage, an import or a replace; `true` when they must be written.
    Playbook(Vec<crate::domain::playbook::Entry>, bool),
    Removed(Id),
    /// What a write did: the deal's fresh list entry (shown even when the write failed), and
    /// the new backup bookkeeping on success or the warning on failure. One message, so an
    /// edit costs one state update.
    Persisted {
        entry: Option<Box<IndexEntry>>,
        result: Result<Option<Meta>, StorageWarning>,
    },
    Notify(Option<Notice>),
    Reload(Box<Loaded>),
    Meta(Meta),
    DismissReminder,
    /// Remember a deleted deal for undo (or forget it with `None`).
    Deleted(Option<Rc<Deal>>),
    /// Name the deal that keeps this tab's refused version (or forget it with `None`).
    Stale(Option<Rc<Deal>>),
    /// A record found unreadable when it was opened.
    Problem(Problem),
    /// A record kept aside was discarded by the user.
    Discarded(String),
    DeletedElsewhere(Option<Rc<Deal>>),
    UndoReplace(Option<Rc<super::writer::ReplaceUndo>>),
    /// A new build is installed and will be used after a reload.
    UpdateReady,
    /// The name field typed blank was left: it shows the stored name again.
    Unblank,
}

impl Reducible for AppState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Do(action, now, typing) => {
                // A name typed blank is refused (the stored one is kept); its field is marked so
                // it shows what was typed, not the stored name the next letters would follow.
                let named = action.named().map(str::to_owned);
                match next.book.apply(action, now) {
                    Ok(change) => {
                        next.record(change, typing);
                        next.notice = None;
                        next.blank = None;
                    }
                    Err(e) => {
                        if *e == crate::domain::DomainError::EmptyName {
                            next.blank = named;
                        }
                        next.notice = Some(Notice::Error(e.to_string()));
                    }
                }
            }
            Msg::Loaded(deal, entry) => {
                Rc::make_mut(&mut next.index).insert(entry.id.clone(), *entry);
                if let Some(deal) = deal {
                    next.book.deals.insert(deal.id.clone(), *deal);
                }
            }
            Msg::Templates(theirs) => {
                if next.book.rebase_templates(theirs) {
                    next.notice = Some(Notice::Info(
                        "Another tab deleted a template you were editing here; it is kept, with your edits."
                            .into(),
                    ));
                }
                if !next.book.unsaved_templates.is_empty() {
                    next.record(Change::Templates, false);
                }
            }
            Msg::TemplatesSaved => next.book.unsaved_templates.clear(),
            Msg::PlaybookSaved => next.book.unsaved_playbook.clear(),
            Msg::Playbook(entries, write) => {
                if write {
                    // An import's: every entry is this tab's until written (another tab's write
                    // in between takes the later change of each, as the import did).
                    next.book
                        .unsaved_playbook
                        .extend(entries.iter().map(|e| e.id.clone()));
                    next.record(Change::Playbook, false);
                }
                next.book.playbook = entries;
                // A new sequence number either way: the playbook's rows are joined again on it.
                next.seq += 1;
            }
            Msg::Persisted { entry, result } => {
                if let Some(entry) = entry.filter(|e| next.index.get(&e.id) != Some(e)) {
                    Rc::make_mut(&mut next.index).insert(entry.id.clone(), *entry);
                }
                match result {
                    Ok(meta) => {
                        next.saved = true;
                        if let Some(meta) = meta {
                            next.meta = meta;
                        }
                        if matches!(next.storage_warning, Some(StorageWarning::Full(_))) {
                            next.storage_warning = None;
                        }
                    }
                    Err(warning) => {
                        next.saved = false;
                        next.storage_warning = Some(warning);
                    }
                }
            }
            Msg::Removed(id) => {
                Rc::make_mut(&mut next.index).remove(&id);
                next.book.deals.remove(&id);
            }
            Msg::Notify(notice) => next.notice = notice,
            Msg::Reload(loaded) => next.reloaded(*loaded),
            Msg::Meta(meta) => next.meta = meta,
            Msg::DismissReminder => next.reminder_dismissed = true,
            Msg::Deleted(deal) => next.deleted = deal,
            Msg::Stale(deal) => {
                // A refused change was not saved, whatever the last write said.
                next.saved &= deal.is_none();
                next.stale = deal;
            }
            Msg::UpdateReady => next.update_ready = true,
            Msg::Problem(problem) => next.add_problem(problem),
            Msg::Discarded(key) => next.problems.retain(|p| p.key != key),
            Msg::DeletedElsewhere(deal) => next.deleted_elsewhere = deal,
            Msg::UndoReplace(undo) => next.undo_replace = undo,
            Msg::Unblank => next.blank = None,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::id;
    use crate::domain::DealAction;

    #[test]
    fn two_actions_in_one_tick_are_both_recorded_for_writing() {
        let state = Rc::new(AppState::default());
        let create = |n: &str| Action::CreateDeal {
            id: id(n),
            client: "Acme".into(),
            name: format!("Deal {n}"),
        };
        let state = state.reduce(Msg::Do(create("d1"), Minutes(1), false));
        let state = state.reduce(Msg::Do(create("d2"), Minutes(1), false));
        let edit = Action::Edit {
            deal: id("d1"),
            op: DealAction::SetValue("40k".into()),
        };
        let state = state.reduce(Msg::Do(edit, Minutes(2), true));
        assert_eq!(state.touched.len(), 2, "{:?}", state.touched);
        assert_eq!(state.touched.get(&Change::Deal(id("d1"))), Some(&(3, true)));
        assert_eq!(state.touched.get(&Change::Deal(id("d2"))), Some(&(2, false)));
    }

    #[test]
    fn a_refused_action_records_nothing_and_says_why() {
        let state = Rc::new(AppState::default());
        let edit = Action::Edit {
            deal: id("nope"),
            op: DealAction::SetValue("1".into()),
        };
        let state = state.reduce(Msg::Do(edit, Minutes(1), false));
        assert!(state.touched.is_empty());
        assert!(matches!(state.notice, Some(Notice::Error(_))));
    }

    /// A name field typed blank: it is marked (so it shows blank, not the stored name), the
    /// user is told the name is kept, nothing is written; the next name typed unmarks it, and
    /// so does leaving the field (`Unblank`).
    #[test]
    fn a_name_typed_blank_is_marked_until_another_is_typed() {
        let create = Action::CreateDeal {
            id: id("d1"),
            client: "Acme".into(),
            name: "Rollout".into(),
        };
        let state = Rc::new(AppState::default()).reduce(Msg::Do(create, Minutes(1), false));
        let blank = Action::Edit {
            deal: id("d1"),
            op: DealAction::Rename(" ".into()),
        };
        let state = state.reduce(Msg::Do(blank, Minutes(2), true));
        assert_eq!(state.blank.as_deref(), Some("d1"));
        assert!(matches!(&state.notice, Some(Notice::Error(text)) if text.contains("can't be empty")));
        assert_eq!(state.seq, 1, "nothing to write");
        assert_eq!(state.book.deals[&id("d1")].name, "Rollout");
        let rename = Action::Edit {
            deal: id("d1"),
            op: DealAction::Rename("E".into()),
        };
        let typed = state.clone().reduce(Msg::Do(rename, Minutes(2), true));
        assert_eq!((typed.blank.clone(), typed.notice.clone()), (None, None));
        assert_eq!(state.reduce(Msg::Unblank).blank, None);
    }

    /// The playbook entries changed here are this tab's until the playbook is written (another
    /// tab's playbook takes this tab's version of those only), each named once.
    #[test]
    fn playbook_entries_changed_here_are_mine_until_written() {
        use crate::domain::playbook::{Change, Kind, Row};
        let line = Row {
            kind: Kind::Discovery,
            key: "who signs?".into(),
            text: "Who signs?".into(),
            response: String::new(),
            entry: None,
            uses: 1,
            last_used: None,
        };
        let pin = |on: bool, entry: &str| {
            Msg::Do(
                Action::Playbook {
                    line: Box::new(line.clone()),
                    id: id(entry),
                    change: Change::Pin(on),
                },
                Minutes(1),
                true,
            )
        };
        let state = Rc::new(AppState::default())
            .reduce(pin(true, "p1"))
            .reduce(pin(false, "p2"));
        assert_eq!(state.book.unsaved_playbook, [id("p1")], "the line's entry, once");
        let saved = state.reduce(Msg::PlaybookSaved);
        assert!(saved.book.unsaved_playbook.is_empty());
        let entries = saved.book.playbook.clone();
        let imported = saved.reduce(Msg::Playbook(entries, true));
        assert_eq!(
            imported.book.unsaved_playbook,
            [id("p1")],
            "an import's: every entry"
        );
    }

    /// Another tab's templates take this tab's unsaved edits on top, to be written again; what
    /// the writer saved is no longer replayed; an import's templates are edits like the others,
    /// replayed too (one whose id this tab has already is left as it is).
    #[test]
    fn another_tabs_templates_get_this_tabs_unsaved_edits_and_are_written() {
        let rename = |name: &str| {
            let op = crate::domain::TemplateAction::Rename {
                id: id("default"),
                name: name.into(),
            };
            Msg::Do(Action::Template(op), Minutes(1), true)
        };
        let state = Rc::new(AppState::default()).reduce(rename("Saved"));
        let state = state.reduce(Msg::TemplatesSaved).reduce(rename("Mine"));
        assert_eq!(state.book.unsaved_templates.len(), 1);
        let theirs = || vec![Template::default_template()];
        let state = state.reduce(Msg::Templates(theirs()));
        assert_eq!(state.book.templates[0].name, "Mine");
        assert_eq!(
            state.touched.get(&Change::Templates),
            Some(&(3, false)),
            "written at once"
        );
        let state = state.reduce(Msg::TemplatesSaved);
        assert_eq!(
            state.clone().reduce(Msg::Templates(theirs())).book.templates,
            theirs()
        );
        // An import's template is an edit like any other, replayed over another tab's; one
        // whose id is here already is left as it is.
        let insert = |name: &str| {
            let mut t = Template::default_template();
            (t.id, t.name) = (id("imported"), name.into());
            Msg::Do(
                Action::Template(crate::domain::TemplateAction::Insert(t)),
                Minutes(1),
                false,
            )
        };
        let state = state
            .reduce(rename("Mine again"))
            .reduce(insert("From the file"))
            .reduce(insert("From the file again"))
            .reduce(Msg::Templates(theirs()));
        let names: Vec<_> = state.book.templates.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Mine again", "From the file"]);
    }

    #[test]
    fn another_tabs_version_replaces_this_tabs_copy() {
        let state = Rc::new(AppState::default());
        let create = Action::CreateDeal {
            id: id("d1"),
            client: "Acme".into(),
            name: "Mine".into(),
        };
        let state = state.reduce(Msg::Do(create, Minutes(1), false));
        let mut theirs = state.book.deals[&id("d1")].clone();
        theirs.name = "Theirs".into();
        let entry = IndexEntry::of(&theirs, &Template::default_template(), Minutes(1));
        let state = state.reduce(Msg::Loaded(Some(Box::new(theirs)), Box::new(entry)));
        assert_eq!(state.book.deals[&id("d1")].name, "Theirs");
        assert_eq!(state.index[&id("d1")].name, "Theirs");
    }
}
