//! Everything Deal Prep knows about selling, as plain Rust: deals, the roadmap of stages,
//! stakeholders, qualification evidence, call plans and reviews, checklist templates, the
//! process score, the forecast and the seller's own insights.
//!
//! Nothing here touches yew, web-sys, gloo or a clock: "now" and new ids are passed in, so every
//! function is deterministic and tested natively with `cargo test`.

pub mod action;
pub mod book;
pub mod brief;
pub mod call;
pub mod carry;
pub mod deal;
pub mod edit;
pub mod ics;
pub mod id;
pub mod insights;
pub mod json;
pub mod keyed;
pub mod live;
pub mod order;
pub mod people;
pub mod playbook;
pub mod proof;
pub mod qualification;
pub mod risk;
pub mod sample;
pub mod score;
pub mod stage;
pub mod template;
#[cfg(test)]
pub(crate) mod testing;
pub mod text;
pub mod time;

pub use action::{Action, Change, DealAction, PersonField, TemplateAction};
pub use book::Book;
pub use call::{Call, CallKind, CallPlan, ListEdit, ListItem, Pair, Placed, PlanList, Review};
pub use deal::{Deal, Outcome, SkippedStep, StageMove};
pub use id::Id;
pub use people::{Role, Stakeholder};
pub use qualification::{Element, Evidence, EvidenceLevel, Preset};
pub use risk::{forecast, Forecast, Risk, RiskKind, Severity, Weather};
pub use score::{score, ProcessScore};
pub use stage::Stage;
pub use template::{Template, TemplateItem};
pub use time::{Day, Minutes};

/// What a refused domain operation passes back: boxed, so that each of the many results on
/// the way (every edit returns one) is one pointer, not the error's text and tag.
pub type Refusal = Box<DomainError>;

/// Every way a domain operation can be refused. Shown to the user in plain words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("There is no deal with id “{0}”.")]
    UnknownDeal(String),
    #[error("That item no longer exists (id “{0}”).")]
    UnknownItem(String),
    #[error("A name can't be empty; the last one is kept until you type another.")]
    EmptyName,
    #[error("“{field}” is too long: at most {max} characters.")]
    TooLong { field: &'static str, max: usize },
    #[error("“{0}” is not a date this app understands (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM).")]
    BadDate(String),
    #[error("“{0}” is not a valid id.")]
    BadId(String),
    #[error("A checklist item's weight must be 1, 2 or 3.")]
    BadWeight,
    #[error("A proof's count must be between 1 and 20.")]
    BadCount,
    #[error("A deal or call with id “{0}” already exists.")]
    DuplicateId(String),
    #[error("The default template cannot be deleted.")]
    DefaultTemplate,
}

/// Longest deal, client or stakeholder name.
pub const NAME_MAX: usize = 200;
/// Longest free-text note.
pub const NOTE_MAX: usize = 10_000;
/// Longest line in a plan list, pair side, objective, ask or next step.
pub const LINE_MAX: usize = 1_000;
/// Longest deal value ("€40k", "USD 12,000").
pub const VALUE_MAX: usize = 60;
/// Longest qualification element key a record may carry.
pub const KEY_MAX: usize = 40;

/// Trims a name and checks it is non-empty and within [`NAME_MAX`].
pub fn clean_name(text: &str) -> Result<String, Refusal> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DomainError::EmptyName.into());
    }
    limit(text, "name", NAME_MAX)
}

/// A name as it is being typed: it must not be blank, and it keeps a trailing space (the user
/// is in the middle of typing the next word; a field saved as typed must not eat it).
pub fn typed_name(text: &str) -> Result<String, Refusal> {
    if text.trim().is_empty() {
        return Err(DomainError::EmptyName.into());
    }
    limit(text.trim_start(), "name", NAME_MAX)
}

/// Checks a text's length in characters.
pub fn limit(text: &str, field: &'static str, max: usize) -> Result<String, Refusal> {
    if text.chars().count() > max {
        Err(DomainError::TooLong { field, max }.into())
    } else {
        Ok(text.to_owned())
    }
}
