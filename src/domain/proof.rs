//! Checklist items that check themselves: a template item may carry a proof rule, and while the
//! call's plan (or the deal's people and evidence) proves it, the item is checked and says why.
//! Items without a rule are ticked by hand. A hand tick stored on a call is kept either way; it
//! counts only while the item has no rule.

use super::{Call, Deal, EvidenceLevel, Pair, Role, Template, TemplateItem};

/// A fact the plan can prove. `n` is the least count a list needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    Objective,
    Ask,
    ObjectiveAndAsk,
    Agenda(u8),
    Discovery(u8),
    Pain(u8),
    Cares,
    Objection,
    Roles,
    DecisionMaker,
    BudgetAuthority,
}

/// How an item is checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Proof {
    /// Not chosen yet (records from before proofs): the shipped rule for the item's id, if any.
    #[default]
    Shipped,
    /// Ticked by hand.
    Hand,
    Rule(Rule),
}

/// The rules a user can choose on the templates page, with the count they start with.
pub const RULES: [Rule; 11] = [
    Rule::Objective,
    Rule::Ask,
    Rule::ObjectiveAndAsk,
    Rule::Agenda(3),
    Rule::Discovery(3),
    Rule::Pain(2),
    Rule::Cares,
    Rule::Objection,
    Rule::Roles,
    Rule::DecisionMaker,
    Rule::BudgetAuthority,
];

impl Rule {
    /// Stored form: a letter, then the count for list rules ("d3").
    pub fn key(self) -> String {
        let (letter, n) = self.parts();
        match n {
            Some(n) => format!("{letter}{n}"),
            None => letter.to_owned(),
        }
    }
    fn parts(self) -> (&'static str, Option<u8>) {
        match self {
            Rule::Objective => ("o", None),
            Rule::Ask => ("a", None),
            Rule::ObjectiveAndAsk => ("oa", None),
            Rule::Agenda(n) => ("g", Some(n)),
            Rule::Discovery(n) => ("d", Some(n)),
            Rule::Pain(n) => ("p", Some(n)),
            Rule::Cares => ("c", None),
            Rule::Objection => ("j", None),
            Rule::Roles => ("r", None),
            Rule::DecisionMaker => ("m", None),
            Rule::BudgetAuthority => ("b", None),
        }
    }
    pub fn from_key(key: &str) -> Option<Rule> {
        let split = key.find(|c: char| c.is_ascii_digit()).unwrap_or(key.len());
        // At an ASCII digit or the end: `split_at_checked` never fails here, and has no panic path.
        let (letter, digits) = key.split_at_checked(split)?;
        let n: Option<u8> = if digits.is_empty() {
            None
        } else {
            Some(super::text::digits(digits).filter(|n| (1..=20).contains(n))? as u8)
        };
        RULES
            .into_iter()
            .find(|r| r.parts().0 == letter)
            .and_then(|r| match (r.parts().1, n) {
                (None, None) => Some(r),
                (Some(_), Some(n)) => Some(r.with_count(n)),
                _ => None,
            })
    }
    /// The least count of a list rule.
    pub fn count(self) -> Option<u8> {
        self.parts().1
    }
    pub fn with_count(self, n: u8) -> Rule {
        match self {
            Rule::Agenda(_) => Rule::Agenda(n),
            Rule::Discovery(_) => Rule::Discovery(n),
            Rule::Pain(_) => Rule::Pain(n),
            other => other,
        }
    }
    /// What the rule asks for, for the templates page ("At least N discovery questions").
    pub fn label(self) -> &'static str {
        match self {
            Rule::Objective => "Objective written",
            Rule::Ask => "Next step to ask for written",
            Rule::ObjectiveAndAsk => "Objective and next step to ask for written",
            Rule::Agenda(_) => "At least N agenda items",
            Rule::Discovery(_) => "At least N discovery questions",
            Rule::Pain(_) => "At least N pain questions",
            Rule::Cares => "A cares-about → how pair",
            Rule::Objection => "An objection → response pair",
            Rule::Roles => "Every attendee has a role",
            Rule::DecisionMaker => "Decision maker attends, or a plan to involve them is written",
            Rule::BudgetAuthority => "Budget and authority at least Heard",
        }
    }
}

/// The shipped rule of a default-template item, by id.
pub fn shipped(item_id: &str) -> Option<Rule> {
    Some(match item_id {
        "ob" => Rule::ObjectiveAndAsk,
        "at" => Rule::Roles,
        "dq" => Rule::Discovery(3),
        "pq" => Rule::Pain(2),
        "cm" => Rule::Cares,
        "oj" => Rule::Objection,
        "ba" => Rule::BudgetAuthority,
        "dm" => Rule::DecisionMaker,
        _ => return None,
    })
}

impl TemplateItem {
    /// The rule that checks this item, if it has one.
    pub fn rule(&self) -> Option<Rule> {
        match self.proof {
            Proof::Shipped => shipped(self.id.as_str()),
            Proof::Hand => None,
            Proof::Rule(r) => Some(r),
        }
    }
}

/// The state of one checklist item for one call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check<'a> {
    pub item: &'a TemplateItem,
    pub checked: bool,
    /// For a proof item: why it is checked ("3 discovery questions") or what it still needs.
    pub reason: Option<String>,
}

fn written(text: &str) -> bool {
    !text.trim().is_empty()
}

fn count<T>(items: &[T], text: impl Fn(&T) -> &str) -> usize {
    items.iter().filter(|i| written(text(i))).count()
}

/// A pair rule: at least one pair with both sides written.
fn pairs(items: &[Pair], one: &str, many: &str) -> (bool, String) {
    let n = items
        .iter()
        .filter(|p| written(&p.left) && written(&p.right))
        .count();
    (n > 0, plural(n, one, many))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The elements standing for budget and authority in the deal's preset; a preset with neither
/// (SPICED) has its decision element instead.
fn budget_authority_keys(deal: &Deal) -> Vec<&'static super::Element> {
    let els = deal.preset.elements();
    let keys: Vec<_> = els
        .iter()
        .filter(|e| matches!(e.key, "budget" | "authority"))
        .collect();
    if keys.is_empty() {
        els.iter().filter(|e| e.key == "process").collect()
    } else {
        keys
    }
}

/// Whether `rule` holds for `call` of `deal`, and the words that say so or what is missing.
pub fn prove(rule: Rule, deal: &Deal, call: &Call) -> (bool, String) {
    let plan = &call.plan;
    let list = |n: u8, have: usize, one: &str, many: &str| {
        let ok = have >= usize::from(n);
        let text = if ok {
            plural(have, one, many)
        } else {
            format!("{} of {n} {many} written", have)
        };
        (ok, text)
    };
    match rule {
        Rule::Objective => (written(&plan.objective), "Objective written".into()),
        Rule::Ask => (written(&plan.ask), "Next step to ask for written".into()),
        Rule::ObjectiveAndAsk => match (written(&plan.objective), written(&plan.ask)) {
            (true, true) => (true, "Objective and ask written".into()),
            (false, true) => (false, "The objective is not written".into()),
            (true, false) => (false, "The next step to ask for is not written".into()),
            (false, false) => (false, "Objective and ask not written".into()),
        },
        Rule::Agenda(n) => list(n, count(&plan.agenda, |i| &i.text), "agenda item", "agenda items"),
        Rule::Discovery(n) => list(
            n,
            count(&plan.discovery, |i| &i.text),
            "discovery question",
            "discovery questions",
        ),
        Rule::Pain(n) => list(
            n,
            count(&plan.pain, |i| &i.text),
            "pain question",
            "pain questions",
        ),
        Rule::Cares => pairs(&plan.cares, "cares-about → how pair", "cares-about → how pairs"),
        Rule::Objection => pairs(
            &plan.objections,
            "objection with a response",
            "objections with responses",
        ),
        Rule::Roles => {
            let people: Vec<_> = call.attendees.iter().filter_map(|id| deal.person(id)).collect();
            let without = people.iter().filter(|p| p.roles.is_empty()).count();
            match (people.len(), without) {
                (0, _) => (false, "No attendees chosen".into()),
                (n, 0) => (
                    true,
                    format!("{} with a role", plural(n, "attendee", "attendees")),
                ),
                (_, w) => (
                    false,
                    format!("{} without a role", plural(w, "attendee", "attendees")),
                ),
            }
        }
        Rule::DecisionMaker => {
            let attending = call
                .attendees
                .iter()
                .filter_map(|id| deal.person(id))
                .find(|p| p.has(Role::DecisionMaker));
            let plan_note = deal.evidence(dm_key(deal)).is_some_and(|e| written(&e.note));
            match attending {
                Some(p) => (true, format!("{} attends", p.name)),
                None if plan_note => (true, "Plan to involve them written in qualification".into()),
                None => (
                    false,
                    "The decision maker does not attend; no plan written".into(),
                ),
            }
        }
        Rule::BudgetAuthority => {
            let els = budget_authority_keys(deal);
            let ok = els.iter().all(|e| deal.level(e.key) >= EvidenceLevel::Heard);
            let parts: Vec<_> = els
                .iter()
                .map(|e| format!("{}: {}", e.label, deal.level(e.key).label()))
                .collect();
            (ok, super::text::join(&parts, ", "))
        }
    }
}

/// The qualification element that records the decision maker (and the plan to involve them).
pub fn dm_key(deal: &Deal) -> &'static str {
    if deal.preset.element("authority").is_some() {
        "authority"
    } else {
        "process"
    }
}

/// Every active item of `template` for `call`, checked by its proof or by hand.
pub fn checklist<'a>(deal: &Deal, call: &Call, template: &'a Template) -> Vec<Check<'a>> {
    template
        .active()
        .map(|item| match item.rule() {
            Some(rule) => {
                let (checked, reason) = prove(rule, deal, call);
                Check {
                    item,
                    checked,
                    reason: Some(reason),
                }
            }
            None => Check {
                item,
                checked: call.plan.is_checked(&item.id),
                reason: None,
            },
        })
        .collect()
}

/// How many items of a checklist are checked.
pub fn done(list: &[Check]) -> usize {
    list.iter().filter(|c| c.checked).count()
}

/// Weighted share (0.0–1.0) of a checklist's items checked; 1.0 for an empty list.
pub fn share(list: &[Check]) -> f64 {
    let weight = |only_checked: bool| -> u32 {
        list.iter()
            .filter(|c| c.checked || !only_checked)
            .map(|c| u32::from(c.item.weight))
            .sum()
    };
    match weight(false) {
        0 => 1.0,
        total => f64::from(weight(true)) / f64::from(total),
    }
}

/// Weighted share (0.0–1.0) of the active items checked for `call`.
pub fn readiness(deal: &Deal, call: &Call, template: &Template) -> f64 {
    share(&checklist(deal, call, template))
}

/// (checked, total) active items, for "7 of 10 ready".
pub fn progress(deal: &Deal, call: &Call, template: &Template) -> (usize, usize) {
    let list = checklist(deal, call, template);
    (done(&list), list.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{id, now};
    use crate::domain::{CallKind, ListItem, Pair, Stakeholder};

    fn setup() -> (Deal, Call, Template) {
        let deal = crate::domain::deal::fixture(now());
        let call = Call::new(id("c1"), now().plus_days(1), CallKind::Discovery);
        (deal, call, Template::default_template())
    }
    fn item(text: &str, n: usize) -> Vec<ListItem> {
        (0..n)
            .map(|i| ListItem {
                id: id(&format!("x{i}")),
                text: text.into(),
                done: false,
                note: String::new(),
            })
            .collect()
    }
    fn state<'a>(list: &'a [Check<'a>], item_id: &str) -> &'a Check<'a> {
        list.iter().find(|c| c.item.id.as_str() == item_id).unwrap()
    }

    #[test]
    fn rule_keys_round_trip_and_reject_nonsense() {
        for rule in RULES {
            assert_eq!(Rule::from_key(&rule.key()), Some(rule), "{rule:?}");
        }
        assert_eq!(Rule::from_key("d5"), Some(Rule::Discovery(5)));
        for bad in ["", "d", "o1", "d0", "d99", "z", "dd3", "d-1"] {
            assert_eq!(Rule::from_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_list_rule_is_checked_exactly_from_its_count_of_written_entries() {
        let (deal, mut call, t) = setup();
        call.plan.discovery = item("What slows picking today?", 2);
        call.plan.discovery.push(ListItem {
            id: id("blank"),
            text: "   ".into(),
            done: false,
            note: String::new(),
        });
        let list = checklist(&deal, &call, &t);
        let dq = state(&list, "dq");
        assert!(!dq.checked);
        assert_eq!(dq.reason.as_deref(), Some("2 of 3 discovery questions written"));
        call.plan.discovery = item("Why now?", 3);
        let list = checklist(&deal, &call, &t);
        let dq = state(&list, "dq");
        assert!(dq.checked);
        assert_eq!(dq.reason.as_deref(), Some("3 discovery questions"));
    }

    #[test]
    fn a_hand_tick_counts_only_while_the_item_has_no_rule() {
        let (deal, mut call, mut t) = setup();
        call.plan.checked = vec![id("dq"), id("rr")];
        let list = checklist(&deal, &call, &t);
        assert!(!state(&list, "dq").checked, "proof items need their proof");
        assert!(state(&list, "rr").checked, "hand items keep their tick");
        t.items.iter_mut().find(|i| i.id.as_str() == "dq").unwrap().proof = Proof::Hand;
        assert!(
            state(&checklist(&deal, &call, &t), "dq").checked,
            "the stored tick was kept"
        );
    }

    #[test]
    fn people_and_evidence_prove_roles_decision_maker_and_budget() {
        let (mut deal, mut call, t) = setup();
        let mut dana = Stakeholder::new(id("p1"), "Dana".into());
        dana.roles.push(Role::DecisionMaker);
        deal.people.push(dana);
        deal.people.push(Stakeholder::new(id("p2"), "Sam".into()));
        call.attendees = vec![id("p1"), id("p2")];
        let list = checklist(&deal, &call, &t);
        assert_eq!(
            state(&list, "at").reason.as_deref(),
            Some("1 attendee without a role")
        );
        assert_eq!(state(&list, "dm").reason.as_deref(), Some("Dana attends"));
        // The decision maker named in People makes authority Heard; budget is still Unknown.
        let ba = state(&list, "ba");
        assert!(!ba.checked);
        assert_eq!(
            ba.reason.as_deref(),
            Some("Budget: Unknown, Decision maker: Heard from the client")
        );
        deal.set_evidence("budget", EvidenceLevel::Heard, None);
        assert!(state(&checklist(&deal, &call, &t), "ba").checked);
        call.attendees = vec![id("p2")];
        assert!(!state(&checklist(&deal, &call, &t), "dm").checked);
        deal.set_evidence(
            "authority",
            EvidenceLevel::Unknown,
            Some("Dana brings the CFO".into()),
        );
        assert!(state(&checklist(&deal, &call, &t), "dm").checked);
    }

    #[test]
    fn pairs_need_both_sides() {
        let (deal, mut call, t) = setup();
        call.plan.cares.push(Pair {
            id: id("a"),
            left: "Fewer mis-picks".into(),
            right: String::new(),
        });
        assert!(!state(&checklist(&deal, &call, &t), "cm").checked);
        call.plan.cares[0].right = "Scan to confirm".into();
        assert!(state(&checklist(&deal, &call, &t), "cm").checked);
    }
}
