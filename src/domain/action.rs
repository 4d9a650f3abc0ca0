//! Every user operation as a value: [`Action`] and the edits it carries ([`DealAction`],
//! [`TemplateAction`]), and the [`Change`] an applied action reports so the store writes only
//! that. They are applied by [`super::book::Book::apply`] through the functions in
//! [`super::edit`].

use super::call::{ListEdit, PlanList};
use super::{CallKind, Deal, EvidenceLevel, Id, Outcome, Preset, Role, Stage, Stakeholder};

/// What an applied action changed, so the store writes only that.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Deal(Id),
    DealRemoved(Id),
    Templates,
    Playbook,
}

/// A person's text fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PersonField {
    Name,
    Title,
    Notes,
}

/// An edit to one deal.
#[derive(Clone, Debug, PartialEq)]
pub enum DealAction {
    /// The deal's name, as typed (a blank name is refused).
    Rename(String),
    SetClient(String),
    SetValue(String),
    /// `YYYY-MM-DD`, or empty to clear.
    SetTarget(String),
    SetOutcome(Outcome),
    SetArchived(bool),
    MoveStage(Stage),
    SetEvidence {
        key: String,
        level: EvidenceLevel,
    },
    SetEvidenceNote {
        key: String,
        note: String,
    },
    SwitchPreset(Preset),
    SetTemplate(Id),
    AddPerson {
        id: Id,
        name: String,
    },
    /// One of a person's texts, as typed: an edit touches only its own field.
    EditPerson {
        id: Id,
        field: PersonField,
        text: String,
    },
    /// `YYYY-MM-DD`, or empty to clear.
    SetLastContact {
        id: Id,
        day: String,
    },
    SetRole {
        id: Id,
        role: Role,
        on: bool,
    },
    SetEngaged {
        id: Id,
        engaged: bool,
    },
    RemovePerson(Id),
    /// Undoes a removal: the person back at place `at`, attending `calls` again.
    RestorePerson {
        person: Box<Stakeholder>,
        at: usize,
        calls: Vec<Id>,
    },
    /// `at` is `YYYY-MM-DDTHH:MM`.
    AddCall {
        id: Id,
        at: String,
        kind: CallKind,
    },
    SetCallTime {
        call: Id,
        at: String,
    },
    SetCallKind {
        call: Id,
        kind: CallKind,
    },
    SetAttendee {
        call: Id,
        person: Id,
        on: bool,
    },
    RemoveCall(Id),
    SetObjective {
        call: Id,
        text: String,
    },
    SetAsk {
        call: Id,
        text: String,
    },
    /// An edit to one of the call plan's lists (agenda, questions, cares, objections).
    EditList {
        call: Id,
        list: PlanList,
        edit: ListEdit,
    },
    SetChecked {
        call: Id,
        item: Id,
        checked: bool,
    },
    /// Call mode: an agenda item covered, a question asked (or not).
    Tick {
        call: Id,
        list: PlanList,
        item: Id,
        done: bool,
    },
    /// Call mode: the one-line answer to a question (typing).
    Answer {
        call: Id,
        list: PlanList,
        item: Id,
        text: String,
    },
    /// Keeps the review being written (typing), until it is saved.
    SetReviewDraft {
        call: Id,
        draft: Box<ReviewDraft>,
    },
    /// Saves the review, applies its evidence updates and records a score snapshot.
    SaveReview {
        call: Id,
        draft: Box<ReviewDraft>,
    },
    RemoveSample,
}

/// A review as typed in the form; the next-step date is parsed when it is saved. Kept on the
/// call while it is being written, so closing the tab mid-review loses nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewDraft {
    pub happened: String,
    pub next_step: String,
    /// `YYYY-MM-DD` or empty.
    pub next_step_on: String,
    pub cues: String,
    pub how: [String; 4],
    pub evidence: Vec<(String, EvidenceLevel)>,
    /// What we promised, one per line.
    pub we_promised: String,
    /// What they promised, one per line.
    pub they_promised: String,
    /// Evidence changes call mode suggests ("Budget: Heard?"), each to accept or skip.
    pub suggested: Vec<(String, EvidenceLevel)>,
}

super::keyed::stored_as_object!(ReviewDraft {
    happened: "h" = String::new(),
    next_step: "n" = String::new(),
    next_step_on: "d" = String::new(),
    cues: "c" = String::new(),
    how: "w" = Default::default(),
    evidence: "e" = Vec::new(),
    #[omit_empty]
    we_promised: "wp" = String::new(),
    #[omit_empty]
    they_promised: "tp" = String::new(),
    #[omit_empty]
    suggested: "sg" = Vec::new(),
});

impl ReviewDraft {
    /// Sets the evidence update for the element `key` (applied when the review is saved).
    pub fn set_level(&mut self, key: &str, level: EvidenceLevel) {
        match self.evidence.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = level,
            None => self.evidence.push((key.to_owned(), level)),
        }
    }

    /// The form for `review` (blank when `None`), with the deal's evidence as it stands.
    pub fn of(deal: &Deal, review: Option<&super::Review>) -> ReviewDraft {
        let evidence = deal
            .preset
            .elements()
            .iter()
            .map(|e| (e.key.to_owned(), deal.level(e.key)))
            .collect();
        match review {
            Some(r) => ReviewDraft {
                happened: r.happened.clone(),
                next_step: r.next_step.clone(),
                next_step_on: r.next_step_on.map(|d| d.to_string()).unwrap_or_default(),
                cues: r.cues.clone(),
                how: r.how.clone(),
                evidence,
                we_promised: super::text::join(&r.we_promised, "\n"),
                they_promised: super::text::join(&r.they_promised, "\n"),
                suggested: Vec::new(),
            },
            None => ReviewDraft {
                evidence,
                ..ReviewDraft::default()
            },
        }
    }
}

/// An edit to the checklist templates.
#[derive(Clone, Debug, PartialEq)]
pub enum TemplateAction {
    Add {
        id: Id,
        name: String,
    },
    Duplicate {
        from: Id,
        id: Id,
    },
    Rename {
        id: Id,
        name: String,
    },
    Delete(Id),
    AddItem {
        template: Id,
        id: Id,
        text: String,
    },
    /// An item's text (`hint` false; a blank one is refused) or its hint, as typed.
    EditItem {
        template: Id,
        item: Id,
        hint: bool,
        text: String,
    },
    SetWeight {
        template: Id,
        item: Id,
        weight: u8,
    },
    /// Chooses how the item is checked: by hand or by a proof rule.
    SetProof {
        template: Id,
        item: Id,
        proof: super::proof::Proof,
    },
    MoveItem {
        template: Id,
        item: Id,
        delta: i32,
    },
    /// Retires the item (old calls keep reading it, it stops counting), or, not `retired`,
    /// brings a retired one back at its place ("Undo").
    Retire {
        template: Id,
        item: Id,
        retired: bool,
    },
    ResetDefault,
    /// An import's template, whole; one with its id already here is left as it is.
    Insert(super::Template),
}

/// A user operation.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    CreateDeal {
        id: Id,
        client: String,
        name: String,
    },
    /// Adds a whole deal (the sample deal, or undoing a delete).
    InsertDeal(Box<Deal>),
    Edit {
        deal: Id,
        op: DealAction,
    },
    DeleteDeal(Id),
    Template(TemplateAction),
    /// A change to a line of the playbook; `id` keeps it as an entry if it is not one yet.
    Playbook {
        line: Box<super::playbook::Row>,
        id: Id,
        change: super::playbook::Change,
    },
}

impl Action {
    /// The deal, person, template, item or playbook line whose name this action types, if it
    /// types one: where a name refused as blank was being typed (see `AppState::blank`).
    pub fn named(&self) -> Option<&str> {
        use super::playbook::Change as Line;
        match self {
            Action::Edit { deal, op } => match op {
                DealAction::Rename(_) => Some(deal.as_str()),
                DealAction::EditPerson {
                    id,
                    field: PersonField::Name,
                    ..
                } => Some(id.as_str()),
                _ => None,
            },
            Action::Template(TemplateAction::Rename { id, .. })
            | Action::Template(TemplateAction::EditItem {
                item: id,
                hint: false,
                ..
            }) => Some(id.as_str()),
            Action::Playbook {
                line,
                change: Line::Text(_),
                ..
            } => Some(&line.key),
            _ => None,
        }
    }
}
