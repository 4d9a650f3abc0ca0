//! Calls: the plan made before (objective, agenda, questions, objections, checklist) and the
//! review written after (what happened, the next step agreed, the four "Focus on How" reflections).

use serde::{Deserialize, Serialize};

use super::{Day, EvidenceLevel, Id, Minutes, Template};

/// Stored as one letter: there are 20,000 calls in the size budget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CallKind {
    #[default]
    #[serde(rename = "d")]
    Discovery,
    #[serde(rename = "m")]
    Demo,
    #[serde(rename = "f")]
    FollowUp,
    #[serde(rename = "n")]
    Negotiation,
    #[serde(rename = "x")]
    Other,
}

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
    pub fn key(self) -> &'static str {
        match self {
            CallKind::Discovery => "discovery",
            CallKind::Demo => "demo",
            CallKind::FollowUp => "followup",
            CallKind::Negotiation => "negotiation",
            CallKind::Other => "other",
        }
    }
    pub fn from_key(key: &str) -> Option<CallKind> {
        CallKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// One line in an editable list (agenda, questions).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListItem {
    #[serde(rename = "i")]
    pub id: Id,
    #[serde(rename = "t")]
    pub text: String,
}

/// A two-sided line: "cares about → how we meet it", "objection → response".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    #[serde(rename = "i")]
    pub id: Id,
    #[serde(rename = "a")]
    pub left: String,
    #[serde(rename = "b", default, skip_serializing_if = "String::is_empty")]
    pub right: String,
}

/// Which list of a call plan an edit is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlanList {
    Agenda,
    Discovery,
    Pain,
}

/// Which list of pairs an edit is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PairList {
    Cares,
    Objections,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallPlan {
    #[serde(rename = "o", default, skip_serializing_if = "String::is_empty")]
    pub objective: String,
    #[serde(rename = "s", default, skip_serializing_if = "String::is_empty")]
    pub ask: String,
    #[serde(rename = "g", default, skip_serializing_if = "Vec::is_empty")]
    pub agenda: Vec<ListItem>,
    #[serde(rename = "dq", default, skip_serializing_if = "Vec::is_empty")]
    pub discovery: Vec<ListItem>,
    #[serde(rename = "pq", default, skip_serializing_if = "Vec::is_empty")]
    pub pain: Vec<ListItem>,
    #[serde(rename = "cm", default, skip_serializing_if = "Vec::is_empty")]
    pub cares: Vec<Pair>,
    #[serde(rename = "ob", default, skip_serializing_if = "Vec::is_empty")]
    pub objections: Vec<Pair>,
    /// Template item ids checked off for this call.
    #[serde(
        rename = "ck",
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "joined_ids"
    )]
    pub checked: Vec<Id>,
}

impl CallPlan {
    pub fn list_mut(&mut self, which: PlanList) -> &mut Vec<ListItem> {
        match which {
            PlanList::Agenda => &mut self.agenda,
            PlanList::Discovery => &mut self.discovery,
            PlanList::Pain => &mut self.pain,
        }
    }
    pub fn pairs_mut(&mut self, which: PairList) -> &mut Vec<Pair> {
        match which {
            PairList::Cares => &mut self.cares,
            PairList::Objections => &mut self.objections,
        }
    }
    pub fn is_checked(&self, item: &Id) -> bool {
        self.checked.contains(item)
    }
    /// Weighted share (0.0–1.0) of the template's active items checked for this call.
    pub fn readiness(&self, template: &Template) -> f64 {
        let total = template.total_weight();
        if total == 0 {
            return 1.0;
        }
        let done: u32 = template
            .active()
            .filter(|i| self.is_checked(&i.id))
            .map(|i| u32::from(i.weight))
            .sum();
        f64::from(done) / f64::from(total)
    }
    /// (checked, total) active items, for "7 of 10 ready".
    pub fn progress(&self, template: &Template) -> (usize, usize) {
        let total = template.active().count();
        let done = template.active().filter(|i| self.is_checked(&i.id)).count();
        (done, total)
    }
}

/// A change to the qualification grid made while reviewing a call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceChange {
    #[serde(rename = "k")]
    pub key: String,
    #[serde(rename = "f")]
    pub from: EvidenceLevel,
    #[serde(rename = "t")]
    pub to: EvidenceLevel,
}

/// What the seller wrote after the call.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    #[serde(rename = "w", default, skip_serializing_if = "String::is_empty")]
    pub happened: String,
    #[serde(rename = "n", default, skip_serializing_if = "String::is_empty")]
    pub next_step: String,
    #[serde(rename = "d", default, skip_serializing_if = "Option::is_none")]
    pub next_step_on: Option<Day>,
    #[serde(rename = "c", default, skip_serializing_if = "String::is_empty")]
    pub cues: String,
    /// Focus on How: customer experience, roadmap for the client, what it takes to close,
    /// what helps the client succeed.
    #[serde(rename = "h", default, skip_serializing_if = "is_blank4")]
    pub how: [String; 4],
    #[serde(rename = "e", default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceChange>,
}

fn is_blank4(how: &[String; 4]) -> bool {
    how.iter().all(String::is_empty)
}

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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    #[serde(rename = "i")]
    pub id: Id,
    #[serde(rename = "at")]
    pub at: Minutes,
    #[serde(rename = "k", default, skip_serializing_if = "is_default_kind")]
    pub kind: CallKind,
    #[serde(rename = "p", default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<Id>,
    /// Flattened into the call's record: one object fewer per call in storage.
    #[serde(flatten)]
    pub plan: CallPlan,
    #[serde(rename = "rv", default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// The review being written, kept until it is saved.
    #[serde(rename = "dr", default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<super::action::ReviewDraft>,
}

fn is_default_kind(kind: &CallKind) -> bool {
    *kind == CallKind::default()
}

/// Checked item ids stored as one space-separated string: a call holds up to a dozen of them
/// and 20,000 calls must fit in localStorage, so the quotes and commas of an array add up.
mod joined_ids {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    use crate::domain::Id;

    pub fn serialize<S: Serializer>(ids: &[Id], s: S) -> Result<S::Ok, S::Error> {
        let text: Vec<&str> = ids.iter().map(Id::as_str).collect();
        s.serialize_str(&text.join(" "))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Id>, D::Error> {
        let text = String::deserialize(d)?;
        text.split_whitespace()
            .map(|part| Id::new(part).map_err(D::Error::custom))
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
