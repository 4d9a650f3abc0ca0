//! Pre-call checklist templates. Items are never really deleted: a removed item is retired, so a
//! past call that checked it still reads it, and only active items count toward the score.

use super::proof::{Proof, Rule};
use super::Id;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateItem {
    pub id: Id,
    pub text: String,
    pub hint: String,
    /// 1 (nice to have) to 3 (must do).
    pub weight: u8,
    pub retired: bool,
    /// How the item is checked; absent in records from before proofs (see [`Proof::Shipped`]).
    pub proof: Proof,
}

super::keyed::stored_as_object!(TemplateItem {
    id: "i",
    text: "t",
    #[omit_empty]
    hint: "h" = String::new(),
    weight: "w" = one(),
    #[omit_empty]
    retired: "x" = false,
    #[omit_empty]
    proof: "p" = Proof::default(),
});

/// The shipped rule is left out of the record.
impl super::json::Empty for Proof {
    fn empty(&self) -> bool {
        *self == Proof::Shipped
    }
}

/// Stored as one string: "" for by hand, the rule's key ("d3") otherwise.
impl super::json::Encode for Proof {
    fn encode(&self, out: &mut String) {
        match self {
            Proof::Rule(r) => r.key().encode(out),
            _ => "".encode(out),
        }
    }
}

impl<'a> super::json::Decode<'a> for Proof {
    fn decode(r: &mut super::json::Reader<'a>) -> super::json::Result<Proof> {
        let key = String::decode(r)?;
        if key.is_empty() {
            return Ok(Proof::Hand);
        }
        Rule::from_key(&key)
            .map(Proof::Rule)
            .ok_or_else(|| r.error("unknown proof rule"))
    }
}

fn one() -> u8 {
    1
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub id: Id,
    pub name: String,
    pub items: Vec<TemplateItem>,
}

super::keyed::stored_as_object!(Template {
    id: "i",
    name: "n",
    items: "it" = Vec::new(),
});

/// The stamps of `templates` (see [`Template::stamp`]): a list entry with none of them is
/// scored again.
pub fn stamps(templates: &[Template]) -> Vec<u32> {
    templates.iter().map(Template::stamp).collect()
}

/// The id of the template every new deal uses unless told otherwise.
pub const DEFAULT_TEMPLATE_ID: &str = "default";

impl Template {
    /// Items that count toward the checklist today, in order.
    pub fn active(&self) -> impl Iterator<Item = &TemplateItem> {
        self.items.iter().filter(|i| !i.retired)
    }
    pub fn item(&self, id: &Id) -> Option<&TemplateItem> {
        self.items.iter().find(|i| &i.id == id)
    }
    pub fn total_weight(&self) -> u32 {
        self.active().map(|i| u32::from(i.weight)).sum()
    }

    /// A number that changes whenever what scores with the template does (FNV-1a of its id and
    /// its items as stored; not its name, typed without changing a score): a list entry keeps
    /// the stamp of the template it was scored with, and one whose stamp no current template
    /// has is scored again.
    pub fn stamp(&self) -> u32 {
        let mut text = super::json::to_string(self.items.as_slice());
        text.push_str(self.id.as_str());
        text.bytes()
            .fold(0x811c_9dc5, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
    }

    /// The shipped checklist, grounded in the advice Deal Prep follows (focus on the process you control).
    pub fn default_template() -> Template {
        const ITEMS: &[(&str, &str, &str, u8)] = &[
            (
                "ob",
                "Objective and the next step to ask for are written",
                "One sentence each: why this call, and what you will ask them to do next.",
                3,
            ),
            (
                "ag",
                "Agenda confirmed with the client",
                "Send it ahead; ask what they would add.",
                2,
            ),
            (
                "at",
                "Attendees and their roles known",
                "Who comes, what each cares about, who decides.",
                2,
            ),
            (
                "rr",
                "Last notes and open commitments re-read",
                "What did you promise last time, and what did they?",
                2,
            ),
            (
                "dq",
                "Discovery questions ready",
                "Open questions about their situation and goals.",
                3,
            ),
            (
                "pq",
                "Pain questions ready",
                "What it costs them today, and who feels it.",
                3,
            ),
            (
                "cm",
                "What they care about is mapped to how we meet it",
                "Their words on one side, our answer on the other.",
                2,
            ),
            (
                "oj",
                "Likely objections have prepared responses",
                "Handle them before they come.",
                2,
            ),
            (
                "ba",
                "Budget and authority status known",
                "Know what you know, and what you still must ask.",
                2,
            ),
            (
                "dm",
                "Decision maker involved, or a plan to involve them",
                "Don't assume it's closing while the decider is absent.",
                3,
            ),
        ];
        Template {
            id: Id::default_template(),
            name: "Standard call prep".to_owned(),
            items: ITEMS
                .iter()
                .map(|(id, text, hint, weight)| TemplateItem {
                    id: Id::known(id),
                    text: (*text).to_owned(),
                    hint: (*hint).to_owned(),
                    weight: *weight,
                    retired: false,
                    proof: Proof::Shipped,
                })
                .collect(),
        }
    }
}

/// The default template with every item ticked by hand, for tests about hand ticks.
#[cfg(test)]
pub(crate) fn by_hand() -> Template {
    let mut t = Template::default_template();
    for item in &mut t.items {
        item.proof = Proof::Hand;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_template_has_ten_weighted_items_with_unique_ids() {
        let t = Template::default_template();
        assert_eq!(t.active().count(), 10);
        let mut ids: Vec<_> = t.items.iter().map(|i| i.id.clone()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 10);
        assert!(t.items.iter().all(|i| (1..=3).contains(&i.weight)));
        assert_eq!(t.total_weight(), 24);
    }
}
