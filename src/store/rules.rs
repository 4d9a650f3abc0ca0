//! The rules that decide whether a write may happen, what another tab's change means for this
//! tab, and what an import does to each deal. Pure functions over revisions and records, so every
//! rule is tested natively; `local.rs` and the app's context apply them.

use crate::domain::{Deal, Id};

/// What storage holds under a record's key, as read just now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    Missing,
    /// A readable record at this revision.
    Rev(u64),
    /// A record this build cannot read (corrupt, or from a newer version): kept aside.
    Unreadable,
}

/// Whether a write of this tab's version may go ahead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Write,
    /// Storage holds a revision this tab has not seen: another tab wrote since.
    Stale,
    /// The stored record is kept aside; it is never overwritten.
    Protected,
    /// This tab had the record from storage and it is gone: another tab deleted it.
    DeletedElsewhere,
}

/// A write is allowed only over exactly what this tab last read or wrote (`base`, `None` for a
/// record this tab created). Comparing with the base rather than "older than mine" closes two
/// holes: a tab holding unsaved edits at a high revision (storage was full) cannot overwrite
/// another tab's later writes, and a deleted record is not brought back by a late keystroke.
pub fn decide(seen: Seen, base: Option<u64>) -> Decision {
    match (seen, base) {
        (Seen::Unreadable, _) => Decision::Protected,
        (Seen::Missing, None) => Decision::Write,
        (Seen::Missing, Some(_)) => Decision::DeletedElsewhere,
        (Seen::Rev(stored), Some(base)) if stored == base => Decision::Write,
        (Seen::Rev(_), _) => Decision::Stale,
    }
}

/// What this tab does when another tab changed a deal it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Incoming {
    /// Show the other tab's version (nothing of ours is lost).
    Take,
    /// Already what this tab shows.
    Same,
    /// Both tabs changed the deal: show theirs, keep ours downloadable, say so once.
    Conflict,
    /// Deleted there: quietly gone here (nothing unsaved, not on screen).
    Remove,
    /// Deleted there while this tab has it open or unsaved: ask to restore or discard.
    DeletedWhileOpen,
}

/// Decides what another tab's change to a deal means here. `mine` is this tab's version,
/// `base` the revision this tab last read or wrote, `unsaved` whether this tab has changes not
/// yet written, `open` whether the deal is on screen, `theirs` what storage holds now.
pub fn incoming(
    mine: Option<&Deal>,
    base: Option<u64>,
    unsaved: bool,
    open: bool,
    theirs: Option<&Deal>,
) -> Incoming {
    match (mine, theirs) {
        (None, Some(_)) => Incoming::Take,
        // Not loaded here, deleted there: only its list entry goes.
        (None, None) => Incoming::Remove,
        (Some(_), None) if unsaved || open => Incoming::DeletedWhileOpen,
        (Some(_), None) => Incoming::Remove,
        (Some(mine), Some(theirs)) if same(mine, theirs) => Incoming::Same,
        // Their write is based on ours or later, and nothing of ours is waiting: a plain update.
        (Some(_), Some(theirs)) if !unsaved && base.is_none_or(|b| theirs.rev > b) => Incoming::Take,
        // Unsaved changes here, or a write at a revision we had already written (two tabs wrote
        // at the same moment, theirs landed last).
        (Some(_), Some(_)) => Incoming::Conflict,
    }
}

/// Whether two copies of a deal hold the same record: compared as the text they are stored as
/// (the serializer the app has anyway; a derived comparison of every field of every call,
/// person and review was ~1 KB of wasm). Every field is written, and written one way only. The
/// revision and time are compared first: most copies differ there, and nothing is written.
fn same(a: &Deal, b: &Deal) -> bool {
    a.rev == b.rev && a.updated == b.updated && super::codec::encode(a) == super::codec::encode(b)
}

/// Whether a written change counts as a new edit for the backup reminder: one edited field
/// counts once, however many keystrokes and pauses it took. `counted` is the deal last
/// counted, `blurred` whether focus left a field since.
pub fn new_edit(counted: Option<&Id>, blurred: bool, written: &Id) -> bool {
    blurred || counted != Some(written)
}

/// What merging an import does with one deal of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Merge {
    /// Not here yet: added.
    New,
    /// Newer in the file (more edits and later): replaces ours.
    Updated,
    /// The same as ours.
    Unchanged,
    /// Older in the file (fewer edits and earlier): ours is kept.
    Older,
    /// Both changed since they diverged: the user decides (keep mine, take the file's, keep both).
    Conflict,
    /// Ours is kept aside (unreadable or newer schema): never overwritten by an import.
    KeptAside,
}

/// Compares one deal of an import file with what this browser holds for its id.
pub fn merge_of(ours: Option<&Deal>, kept_aside: bool, theirs: &Deal) -> Merge {
    if kept_aside {
        return Merge::KeptAside;
    }
    let Some(ours) = ours else { return Merge::New };
    if same(ours, theirs) {
        return Merge::Unchanged;
    }
    let (rev, time) = (theirs.rev.cmp(&ours.rev), theirs.updated.cmp(&ours.updated));
    use std::cmp::Ordering::{Equal, Greater, Less};
    match (rev, time) {
        (Greater, Greater | Equal) => Merge::Updated,
        (Less, Less | Equal) => Merge::Older,
        _ => Merge::Conflict,
    }
}

/// The user's answer for a conflicting deal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Resolve {
    #[default]
    KeepMine,
    TakeFile,
    /// The file's copy is added beside ours under a new id.
    KeepBoth,
}

/// The answers given so far, by deal (a short list: one per conflict the preview shows); a
/// deal without one keeps mine (`Resolve::default`).
pub type Choices = crate::domain::order::ListMap<Id, Resolve>;

/// Every deal of a file with what a merge does to it, in the file's order.
pub fn merge_plan(
    ours: &crate::domain::order::SortedMap<Id, Deal>,
    kept_aside: &[Id],
    file: &[Deal],
) -> Vec<(Id, Merge)> {
    file.iter()
        .map(|d| {
            (
                d.id.clone(),
                merge_of(ours.get(&d.id), kept_aside.contains(&d.id), d),
            )
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::domain::Minutes;

    fn deal(rev: u64, updated: i64, name: &str) -> Deal {
        let mut d = crate::domain::deal::fixture(Minutes(1));
        d.rev = rev;
        d.updated = Minutes(updated);
        d.name = name.into();
        d
    }

    #[test]
    fn a_write_needs_exactly_the_revision_this_tab_saw() {
        assert_eq!(decide(Seen::Missing, None), Decision::Write, "a new record");
        assert_eq!(decide(Seen::Rev(4), Some(4)), Decision::Write);
        assert_eq!(
            decide(Seen::Rev(5), Some(4)),
            Decision::Stale,
            "another tab wrote"
        );
        // A tab holding unsaved edits at rev 9 (storage was full) meets another tab's rev 5:
        // "mine is higher" must not win.
        assert_eq!(decide(Seen::Rev(5), Some(4)), Decision::Stale);
        assert_eq!(
            decide(Seen::Rev(3), Some(4)),
            Decision::Stale,
            "rolled back elsewhere"
        );
        assert_eq!(
            decide(Seen::Rev(1), None),
            Decision::Stale,
            "someone else's record"
        );
        assert_eq!(decide(Seen::Missing, Some(4)), Decision::DeletedElsewhere);
        assert_eq!(decide(Seen::Unreadable, Some(4)), Decision::Protected);
        assert_eq!(decide(Seen::Unreadable, None), Decision::Protected);
    }

    #[test]
    fn another_tabs_change_never_drops_this_tabs_words() {
        let mine = deal(5, 10, "mine");
        let theirs = deal(6, 11, "theirs");
        assert_eq!(
            incoming(Some(&mine), Some(5), false, true, Some(&theirs)),
            Incoming::Take
        );
        assert_eq!(
            incoming(Some(&mine), Some(5), true, true, Some(&theirs)),
            Incoming::Conflict
        );
        // Both wrote rev 6 from 5; theirs landed last.
        let mine6 = deal(6, 11, "mine");
        assert_eq!(
            incoming(Some(&mine6), Some(6), false, true, Some(&theirs)),
            Incoming::Conflict
        );
        assert_eq!(
            incoming(Some(&theirs), Some(6), false, true, Some(&theirs)),
            Incoming::Same
        );
        assert_eq!(incoming(None, None, false, false, Some(&theirs)), Incoming::Take);
        assert_eq!(
            incoming(None, None, false, false, None),
            Incoming::Remove,
            "the list entry goes"
        );
        assert_eq!(
            incoming(Some(&mine), Some(5), false, false, None),
            Incoming::Remove
        );
        assert_eq!(
            incoming(Some(&mine), Some(5), false, true, None),
            Incoming::DeletedWhileOpen
        );
        assert_eq!(
            incoming(Some(&mine), Some(5), true, false, None),
            Incoming::DeletedWhileOpen
        );
    }

    #[test]
    fn one_edited_field_counts_once_for_the_backup_reminder() {
        let (a, b) = (Id::new("da").unwrap(), Id::new("db").unwrap());
        assert!(new_edit(None, false, &a), "the first edit counts");
        assert!(
            !new_edit(Some(&a), false, &a),
            "more keystrokes in the same field do not"
        );
        assert!(
            new_edit(Some(&a), true, &a),
            "after focus left the field, the next edit counts"
        );
        assert!(new_edit(Some(&a), false, &b), "another deal's edit counts");
    }

    /// Copies are compared as stored text: a change anywhere inside the deal, at the same
    /// revision and time, is not "the same".
    #[test]
    fn a_change_deep_inside_a_deal_is_never_the_same() {
        let now = crate::domain::Minutes(1_000_000);
        let ours = crate::domain::sample::generate(1, 20, 7, now).remove(0);
        assert_eq!(merge_of(Some(&ours), false, &ours.clone()), Merge::Unchanged);
        let mut notes = ours.clone();
        notes.people[0].notes.push('.');
        let mut call = ours.clone();
        call.calls[0].at = call.calls[0].at.plus_days(1);
        for theirs in [notes, call] {
            assert_eq!(merge_of(Some(&ours), false, &theirs), Merge::Conflict);
            let base = Some(ours.rev);
            assert_eq!(
                incoming(Some(&ours), base, true, true, Some(&theirs)),
                Incoming::Conflict
            );
        }
    }

    #[test]
    fn a_merge_takes_only_what_is_newer_in_both_edits_and_time() {
        let ours = deal(5, 100, "ours");
        assert_eq!(merge_of(None, false, &ours), Merge::New);
        assert_eq!(merge_of(Some(&ours), false, &ours.clone()), Merge::Unchanged);
        assert_eq!(merge_of(Some(&ours), false, &deal(7, 120, "f")), Merge::Updated);
        assert_eq!(merge_of(Some(&ours), false, &deal(3, 90, "f")), Merge::Older);
        // More edits but older: the copies diverged; neither wins by itself.
        assert_eq!(merge_of(Some(&ours), false, &deal(9, 50, "f")), Merge::Conflict);
        assert_eq!(merge_of(Some(&ours), false, &deal(2, 200, "f")), Merge::Conflict);
        assert_eq!(
            merge_of(Some(&ours), false, &deal(5, 100, "same rev, other text")),
            Merge::Conflict
        );
        assert_eq!(
            merge_of(None, true, &ours),
            Merge::KeptAside,
            "kept-aside records are never new"
        );
        assert_eq!(merge_of(Some(&ours), true, &deal(9, 900, "f")), Merge::KeptAside);
    }
}
