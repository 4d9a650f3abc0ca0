//! Calls: the plan made before (objective, agenda, questions, objections, checklist) and the
//! review written after (what happened, the next step agreed, the four "Focus on How" reflections).

use super::{limit, Day, DomainError, EvidenceLevel, Id, Minutes, Refusal, LINE_MAX};

/// Stored as one letter: there are 20,000 calls in the size budget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CallKind {
    #[default]
    Discovery,
    Demo,
    FollowUp,
    Negotiation,
    Other,
}

super::keyed::stored_as_keys!(
    CallKind,
    [
    CallKind::Discovery => "d",
    CallKind::Demo => "m",
    CallKind::FollowUp => "f",
    CallKind::Negotiation => "n",
    CallKind::Other => "x",
    ]
);

impl CallKind {
    pub const ALL: [CallKind; 5] = [
        CallKind::Discovery,
        CallKind::Demo,
        CallKind::FollowUp,
        CallKind::Negotiation,
        CallKind::Other,
    ];
    pub fn label(self) -> &'static str {
        match self {
            CallKind::Discovery => "Discovery",
            CallKind::Demo => "Demo",
            CallKind::FollowUp => "Follow-up",
            CallKind::Negotiation => "Negotiation",
            CallKind::Other => "Other",
        }
    }
}

/// One line in an editable list (agenda, questions).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListItem {
    pub id: Id,
    pub text: String,
    /// Ticked in call mode: the agenda item covered, the question asked.
    pub done: bool,
    /// The one-line answer noted in call mode.
    pub note: String,
}

super::keyed::stored_as_object!(ListItem {
    id: "i",
    text: "t",
    #[omit_empty]
    done: "x" = false,
    #[omit_empty]
    note: "n" = String::new(),
});

/// A two-sided line: "cares about → how we meet it", "objection → response".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub id: Id,
    pub left: String,
    pub right: String,
}

super::keyed::stored_as_object!(Pair {
    id: "i",
    left: "a",
    #[omit_empty]
    right: "b" = String::new(),
});

/// Which list of a call plan an edit is about: three lists of lines, two of pairs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlanList {
    Agenda,
    Discovery,
    Pain,
    Cares,
    Objections,
}

/// An edit to one plan list. For a list of lines, an `Edit` of the right side changes nothing;
/// an `Add`'s right side is the line's note (empty for a new line).
#[derive(Clone, Debug, PartialEq)]
pub enum ListEdit {
    /// Puts an entry in: a new one (at the end: `at` is clamped to the list), or one removed a
    /// moment ago back at its place ("Undo", from [`CallPlan::removal`]).
    Add(Placed),
    /// One side of an entry, as typed (the right side of a pair when `right`): an edit carries
    /// only its own side.
    Edit {
        id: Id,
        right: bool,
        text: String,
    },
    /// Moves the entry by `delta` places (negative is up), clamped to the list.
    Move {
        id: Id,
        delta: i32,
    },
    Remove(Id),
    /// Adds several lines at once (one undo step), e.g. the open questions a review left.
    AddLines(Vec<(Id, String)>),
}

/// An entry and its place `at` in its list: its sides (a line's `right` is its note) and, for a
/// line, its tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub at: usize,
    pub id: Id,
    pub left: String,
    pub right: String,
    pub done: bool,
}

/// An entry of a plan list: a line or a pair, edited the same way.
trait Entry {
    fn id(&self) -> &Id;
    /// A new entry; a line's `right` side is its note, and only a line is ever `done`.
    fn make(id: Id, left: String, right: String, done: bool) -> Self;
    /// What [`Entry::make`] takes back: the left and right side and the tick.
    fn parts(&self) -> (String, String, bool);
    fn set(&mut self, right: bool, text: String);
}

impl Entry for ListItem {
    fn id(&self) -> &Id {
        &self.id
    }
    fn make(id: Id, text: String, note: String, done: bool) -> Self {
        ListItem { id, text, done, note }
    }
    fn parts(&self) -> (String, String, bool) {
        (self.text.clone(), self.note.clone(), self.done)
    }
    fn set(&mut self, right: bool, text: String) {
        if !right {
            self.text = text;
        }
    }
}

impl Entry for Pair {
    fn id(&self) -> &Id {
        &self.id
    }
    fn make(id: Id, left: String, right: String, _: bool) -> Self {
        Pair { id, left, right }
    }
    fn parts(&self) -> (String, String, bool) {
        (self.left.clone(), self.right.clone(), false)
    }
    fn set(&mut self, right: bool, text: String) {
        *if right { &mut self.right } else { &mut self.left } = text;
    }
}

/// A plan list as [`edit_entries`] sees it: a trait object, so the editing code exists once in
/// the wasm for lines and pairs (generic, it was two copies of ~2.5 KB).
trait Entries {
    fn count(&self) -> usize;
    /// Where the entry `id` stands.
    fn position(&self, id: &Id) -> Option<usize>;
    fn set_at(&mut self, at: usize, right: bool, text: String);
    fn parts_at(&self, at: usize) -> (String, String, bool);
    fn push_new(&mut self, id: Id, left: String, right: String, done: bool);
    fn shift(&mut self, from: usize, to: usize);
    fn remove_at(&mut self, at: usize);
}

impl<T: Entry> Entries for Vec<T> {
    fn count(&self) -> usize {
        self.len()
    }
    fn position(&self, id: &Id) -> Option<usize> {
        self.iter().position(|item| item.id() == id)
    }
    fn set_at(&mut self, at: usize, right: bool, text: String) {
        if let Some(item) = self.get_mut(at) {
            item.set(right, text);
        }
    }
    fn parts_at(&self, at: usize) -> (String, String, bool) {
        self.get(at).map(T::parts).unwrap_or_default()
    }
    fn push_new(&mut self, id: Id, left: String, right: String, done: bool) {
        self.push(T::make(id, left, right, done));
    }
    fn shift(&mut self, from: usize, to: usize) {
        let item = self.remove(from);
        self.insert(to, item);
    }
    fn remove_at(&mut self, at: usize) {
        self.remove(at);
    }
}

fn edit_entries(items: &mut dyn Entries, edit: ListEdit) -> Result<(), Refusal> {
    let text = |s: String| limit(&s, "line", LINE_MAX);
    let found = |items: &dyn Entries, id: &Id| {
        items
            .position(id)
            .ok_or_else(|| DomainError::UnknownItem(id.as_str().to_owned()))
    };
    match edit {
        ListEdit::Add(Placed {
            at,
            id,
            left,
            right,
            done,
        }) => {
            if items.position(&id).is_some() {
                return Err(DomainError::DuplicateId(id.as_str().to_owned()).into());
            }
            items.push_new(id, text(left)?, text(right)?, done);
            items.shift(items.count() - 1, at.min(items.count() - 1));
        }
        ListEdit::Edit {
            id,
            right,
            text: typed,
        } => {
            let typed = text(typed)?;
            let at = found(items, &id)?;
            items.set_at(at, right, typed);
        }
        ListEdit::Move { id, delta } => {
            let from = found(items, &id)?;
            let to = (from as i64 + i64::from(delta)).clamp(0, items.count() as i64 - 1) as usize;
            items.shift(from, to);
        }
        ListEdit::Remove(id) => {
            let at = found(items, &id)?;
            items.remove_at(at);
        }
        ListEdit::AddLines(lines) => {
            // All checked before any is added: on an error nothing has changed.
            for (n, (id, line)) in lines.iter().enumerate() {
                if items.position(id).is_some() || lines[..n].iter().any(|(other, _)| other == id) {
                    return Err(DomainError::DuplicateId(id.as_str().to_owned()).into());
                }
                limit(line, "line", LINE_MAX)?;
            }
            for (id, line) in lines {
                items.push_new(id, line, String::new(), false);
            }
        }
    }
    Ok(())
}

/// Stored flat inside the call's record (see [`Call`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallPlan {
    pub objective: String,
    pub ask: String,
    pub agenda: Vec<ListItem>,
    pub discovery: Vec<ListItem>,
    pub pain: Vec<ListItem>,
    pub cares: Vec<Pair>,
    pub objections: Vec<Pair>,
    /// Template item ids checked off for this call.
    pub checked: Vec<Id>,
}

impl CallPlan {
    /// The line `item` of the list `which` (a list of lines: agenda or questions).
    pub fn line_mut(&mut self, which: PlanList, item: &Id) -> Option<&mut ListItem> {
        let lines = match which {
            PlanList::Agenda => &mut self.agenda,
            PlanList::Discovery => &mut self.discovery,
            PlanList::Pain => &mut self.pain,
            PlanList::Cares | PlanList::Objections => return None,
        };
        lines.iter_mut().find(|l| &l.id == item)
    }
    /// Applies `edit` to the list `which`; on error nothing has changed.
    pub fn edit_list(&mut self, which: PlanList, edit: ListEdit) -> Result<(), Refusal> {
        edit_entries(
            match which {
                PlanList::Agenda => &mut self.agenda,
                PlanList::Discovery => &mut self.discovery,
                PlanList::Pain => &mut self.pain,
                PlanList::Cares => &mut self.cares,
                PlanList::Objections => &mut self.objections,
            },
            edit,
        )
    }
    /// The entry `item` of the list `which` as it is now, at its place: what
    /// [`ListEdit::Add`] puts back once it is removed ("Undo").
    pub fn removal(&self, which: PlanList, item: &Id) -> Option<Placed> {
        let items: &dyn Entries = match which {
            PlanList::Agenda => &self.agenda,
            PlanList::Discovery => &self.discovery,
            PlanList::Pain => &self.pain,
            PlanList::Cares => &self.cares,
            PlanList::Objections => &self.objections,
        };
        let at = items.position(item)?;
        let (left, right, done) = items.parts_at(at);
        Some(Placed {
            at,
            id: item.clone(),
            left,
            right,
            done,
        })
    }
    pub fn is_checked(&self, item: &Id) -> bool {
        self.checked.contains(item)
    }
}

/// A change to the qualification grid made while reviewing a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceChange {
    pub key: String,
    pub from: EvidenceLevel,
    pub to: EvidenceLevel,
}

super::keyed::stored_as_object!(EvidenceChange {
    key: "k",
    from: "f",
    to: "t"
});

/// What the seller wrote after the call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Review {
    pub happened: String,
    pub next_step: String,
    pub next_step_on: Option<Day>,
    pub cues: String,
    /// Focus on How: customer experience, roadmap for the client, what it takes to close,
    /// what helps the client succeed.
    pub how: [String; 4],
    pub evidence: Vec<EvidenceChange>,
    /// What we promised the client, one line each.
    pub we_promised: Vec<String>,
    /// What the client promised us, one line each.
    pub they_promised: Vec<String>,
}

super::keyed::stored_as_object!(Review {
    #[omit_empty]
    happened: "w" = String::new(),
    #[omit_empty]
    next_step: "n" = String::new(),
    #[omit_empty]
    next_step_on: "d" = None,
    #[omit_empty]
    cues: "c" = String::new(),
    #[omit_empty]
    how: "h" = Default::default(),
    #[omit_empty]
    evidence: "e" = Vec::new(),
    #[omit_empty]
    we_promised: "wp" = Vec::new(),
    #[omit_empty]
    they_promised: "tp" = Vec::new(),
});

/// The four "Focus on How" questions, in the order of [`Review::how`].
pub const FOCUS_ON_HOW: [&str; 4] = [
    "How can I improve the customer's experience?",
    "How can I give the client a roadmap?",
    "How can I close this deal?",
    "What can I do so the client succeeds?",
];

impl Review {
    /// A next step counts when it is written and dated.
    pub fn has_dated_next_step(&self) -> bool {
        !self.next_step.trim().is_empty() && self.next_step_on.is_some()
    }
}

/// Stored as one flat record, the plan's fields beside the call's: one object fewer per call in
/// storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub id: Id,
    pub at: Minutes,
    pub kind: CallKind,
    pub attendees: Vec<Id>,
    pub plan: CallPlan,
    pub review: Option<Review>,
    /// The review being written, kept until it is saved.
    pub draft: Option<super::action::ReviewDraft>,
}

impl super::json::Encode for Call {
    fn encode(&self, out: &mut String) {
        let (call, plan) = (self, &self.plan);
        stored::FlatRef {
            id: &call.id,
            at: call.at,
            kind: call.kind,
            attendees: &call.attendees,
            objective: &plan.objective,
            ask: &plan.ask,
            agenda: &plan.agenda,
            discovery: &plan.discovery,
            pain: &plan.pain,
            cares: &plan.cares,
            objections: &plan.objections,
            checked: &plan.checked,
            review: &call.review,
            draft: &call.draft,
        }
        .encode(out);
    }
}

impl<'a> super::json::Decode<'a> for Call {
    fn decode(r: &mut super::json::Reader<'a>) -> super::json::Result<Call> {
        stored::Flat::decode(r).map(Call::from)
    }
}

/// The default kind is left out of the record.
impl super::json::Empty for CallKind {
    fn empty(&self) -> bool {
        *self == CallKind::default()
    }
}

/// The call's stored shape, written from borrowed fields and read into owned ones.
mod stored {
    use super::{joined_ids, CallKind, CallPlan, ListItem, Pair, Review};
    use crate::domain::{action::ReviewDraft, Id, Minutes};

    pub struct FlatRef<'a> {
        pub id: &'a Id,
        pub at: Minutes,
        pub kind: CallKind,
        pub attendees: &'a [Id],
        pub objective: &'a str,
        pub ask: &'a str,
        pub agenda: &'a [ListItem],
        pub discovery: &'a [ListItem],
        pub pain: &'a [ListItem],
        pub cares: &'a [Pair],
        pub objections: &'a [Pair],
        pub checked: &'a [Id],
        pub review: &'a Option<Review>,
        pub draft: &'a Option<ReviewDraft>,
    }

    crate::domain::keyed::stored_as_object!(write FlatRef<'a> {
        id: "i",
        at: "at",
        #[omit_empty]
        kind: "k",
        #[omit_empty]
        attendees: "p",
        #[omit_empty]
        objective: "o",
        #[omit_empty]
        ask: "s",
        #[omit_empty]
        agenda: "g",
        #[omit_empty]
        discovery: "dq",
        #[omit_empty]
        pain: "pq",
        #[omit_empty]
        cares: "cm",
        #[omit_empty]
        objections: "ob",
        #[omit_empty]
        checked: in joined_ids "ck",
        #[omit_empty]
        review: "rv",
        #[omit_empty]
        draft: "dr",
    });

    pub struct Flat {
        id: Id,
        at: Minutes,
        kind: CallKind,
        attendees: Vec<Id>,
        objective: String,
        ask: String,
        agenda: Vec<ListItem>,
        discovery: Vec<ListItem>,
        pain: Vec<ListItem>,
        cares: Vec<Pair>,
        objections: Vec<Pair>,
        checked: Vec<Id>,
        review: Option<Review>,
        draft: Option<ReviewDraft>,
    }

    crate::domain::keyed::stored_as_object!(read Flat {
        id: "i",
        at: "at",
        kind: "k" = CallKind::default(),
        attendees: "p" = Vec::new(),
        objective: "o" = String::new(),
        ask: "s" = String::new(),
        agenda: "g" = Vec::new(),
        discovery: "dq" = Vec::new(),
        pain: "pq" = Vec::new(),
        cares: "cm" = Vec::new(),
        objections: "ob" = Vec::new(),
        checked: in joined_ids "ck" = Vec::new(),
        review: "rv" = None,
        draft: "dr" = None,
    });

    impl From<Flat> for super::Call {
        fn from(f: Flat) -> Self {
            super::Call {
                id: f.id,
                at: f.at,
                kind: f.kind,
                attendees: f.attendees,
                plan: CallPlan {
                    objective: f.objective,
                    ask: f.ask,
                    agenda: f.agenda,
                    discovery: f.discovery,
                    pain: f.pain,
                    cares: f.cares,
                    objections: f.objections,
                    checked: f.checked,
                },
                review: f.review,
                draft: f.draft,
            }
        }
    }
}

/// Checked item ids stored as one space-separated string: a call holds up to a dozen of them
/// and 20,000 calls must fit in localStorage, so the quotes and commas of an array add up.
mod joined_ids {
    use crate::domain::json::{self, Encode, Reader};
    use crate::domain::Id;

    pub fn encode(ids: &[Id], out: &mut String) {
        crate::domain::text::join(ids.iter().map(Id::as_str), " ").encode(out);
    }

    /// The ids read back from their joined string.
    pub fn decode(r: &mut Reader) -> json::Result<Vec<Id>> {
        let text = r.string()?;
        text.split_whitespace()
            .map(|part| Id::new(part).map_err(|e| r.error(&e.to_string())))
            .collect()
    }
}

impl Call {
    pub fn new(id: Id, at: Minutes, kind: CallKind) -> Call {
        Call {
            id,
            at,
            kind,
            attendees: Vec::new(),
            plan: CallPlan::default(),
            review: None,
            draft: None,
        }
    }
    /// Whether the review form should be offered without asking: the call time has passed.
    pub fn is_past(&self, now: Minutes) -> bool {
        self.at <= now
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::id;

    /// The stored shape is a contract with every browser that already holds calls: one flat
    /// record, fields in this order, empty ones left out, unknown keys ignored.
    #[test]
    fn a_call_is_stored_as_one_flat_record() {
        let item = |i: &str, t: &str| ListItem {
            id: id(i),
            text: t.into(),
            done: false,
            note: String::new(),
        };
        let call = Call {
            id: id("c1"),
            at: Minutes(60),
            kind: CallKind::Demo,
            attendees: vec![id("p1")],
            plan: CallPlan {
                objective: "Why".into(),
                ask: "Pilot".into(),
                agenda: vec![item("a", "Intro")],
                discovery: vec![item("b", "Q?")],
                pain: vec![],
                cares: vec![],
                objections: vec![Pair {
                    id: id("o"),
                    left: "Price".into(),
                    right: String::new(),
                }],
                checked: vec![id("ob"), id("at")],
            },
            review: Some(Review {
                happened: "Went well".into(),
                ..Review::default()
            }),
            draft: None,
        };
        let text = crate::domain::json::to_string(&call);
        assert_eq!(
            text,
            r#"{"i":"c1","at":60,"k":"m","p":["p1"],"o":"Why","s":"Pilot","g":[{"i":"a","t":"Intro"}],"dq":[{"i":"b","t":"Q?"}],"ob":[{"i":"o","a":"Price"}],"ck":"ob at","rv":{"w":"Went well"}}"#
        );
        assert_eq!(crate::domain::json::from_str::<Call>(&text).unwrap(), call);
        let bare: Call = crate::domain::json::from_str(r#"{"i":"c2","at":5,"zz":[1,{"x":2}]}"#).unwrap();
        assert_eq!(bare.plan, CallPlan::default());
        assert_eq!(bare.kind, CallKind::default());
        assert!(crate::domain::json::from_str::<Call>(r#"{"i":"c2"}"#).is_err());
    }

    /// Undoing a removal puts the entry back as it was — a line with its tick and note, a pair
    /// with both sides — at its place, or at the end when the list has shrunk since; never
    /// twice.
    #[test]
    fn a_removed_entry_is_restored_in_place_with_its_tick_and_note() {
        let line = |i: &str, done: bool, note: &str| ListItem {
            id: id(i),
            text: format!("line {i}"),
            done,
            note: note.into(),
        };
        let mut plan = CallPlan {
            agenda: vec![
                line("a", false, ""),
                line("b", true, "they said yes"),
                line("c", false, ""),
            ],
            objections: vec![Pair {
                id: id("o"),
                left: "Too expensive".into(),
                right: "Cost of doing nothing".into(),
            }],
            ..CallPlan::default()
        };
        let before = plan.clone();
        for (which, item) in [
            (PlanList::Agenda, "a"),
            (PlanList::Agenda, "b"),
            (PlanList::Agenda, "c"),
            (PlanList::Objections, "o"),
        ] {
            let undo = ListEdit::Add(plan.removal(which, &id(item)).unwrap());
            plan.edit_list(which, ListEdit::Remove(id(item))).unwrap();
            assert_ne!(plan, before);
            plan.edit_list(which, undo.clone()).unwrap();
            assert_eq!(plan, before, "{item} back in place");
            assert!(plan.edit_list(which, undo).is_err(), "{item} never twice");
        }
        assert_eq!(plan.removal(PlanList::Pain, &id("a")), None);
        // "c" was last of three; with "a" gone too, it comes back last of two.
        let undo = ListEdit::Add(plan.removal(PlanList::Agenda, &id("c")).unwrap());
        for gone in ["c", "a"] {
            plan.edit_list(PlanList::Agenda, ListEdit::Remove(id(gone)))
                .unwrap();
        }
        plan.edit_list(PlanList::Agenda, undo).unwrap();
        assert_eq!(
            plan.agenda,
            [line("b", true, "they said yes"), line("c", false, "")]
        );
    }
}
