//! What the last reviewed call leaves for the next one: the next step agreed, the promises on
//! both sides, the client cues, and what is still to find out about the deal as questions.

use super::{Call, Deal, EvidenceLevel, Review};

/// The review of the deal's latest reviewed call held before `call` (any call when `None`).
pub fn last_review<'a>(deal: &'a Deal, call: Option<&Call>) -> Option<(&'a Call, &'a Review)> {
    deal.calls
        .iter()
        .filter(|c| call.is_none_or(|this| c.id != this.id && c.at <= this.at))
        .filter_map(|c| Some((c, c.review.as_ref()?)))
        .max_by_key(|(c, _)| c.at)
}

/// The questions of the qualification elements still Unknown or Assumed, leaving out those the
/// call's discovery questions already hold (case and spacing aside).
pub fn open_questions(deal: &Deal, call: &Call) -> Vec<&'static str> {
    let asked: Vec<String> = call.plan.discovery.iter().map(|q| fold(&q.text)).collect();
    deal.preset
        .elements()
        .iter()
        .filter(|e| deal.level(e.key) <= EvidenceLevel::Assumed)
        .map(|e| e.question)
        .filter(|q| !asked.contains(&fold(q)))
        .collect()
}

/// Text compared without case and with runs of white space as one space.
pub fn fold(text: &str) -> String {
    super::text::fold_case(&super::text::join(text.split_whitespace(), " "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{deal::fixture, CallKind, CallPlan, Id, ListItem, Minutes};

    fn call(id: &str, at: i64, reviewed: Option<&str>) -> Call {
        Call {
            id: Id::new(id).unwrap(),
            at: Minutes(at),
            kind: CallKind::Discovery,
            attendees: vec![],
            plan: CallPlan::default(),
            review: reviewed.map(|step| Review {
                next_step: step.into(),
                ..Review::default()
            }),
            draft: None,
        }
    }

    #[test]
    fn the_last_review_is_the_latest_held_before_the_call() {
        let mut deal = fixture(Minutes(0));
        deal.calls = vec![
            call("a", 10, Some("first")),
            call("b", 30, Some("second")),
            call("c", 40, None),
            call("d", 50, Some("after")),
        ];
        let step = |c: Option<&Call>| last_review(&deal, c).map(|(_, r)| r.next_step.as_str());
        assert_eq!(step(Some(&deal.calls[2])), Some("second"));
        assert_eq!(step(Some(&deal.calls[1])), Some("first"), "never its own review");
        assert_eq!(step(Some(&deal.calls[0])), None);
        assert_eq!(step(None), Some("after"));
    }

    #[test]
    fn open_questions_are_the_unknown_and_assumed_elements_not_yet_asked() {
        let mut deal = fixture(Minutes(0));
        let elements = deal.preset.elements();
        let mut c = call("c", 0, None);
        assert_eq!(
            open_questions(&deal, &c).len(),
            elements.len(),
            "all unknown at first"
        );
        deal.set_evidence(elements[0].key, EvidenceLevel::Heard, None);
        deal.set_evidence(elements[1].key, EvidenceLevel::Assumed, None);
        let open = open_questions(&deal, &c);
        assert!(!open.contains(&elements[0].question), "heard is known enough");
        assert!(
            open.contains(&elements[1].question),
            "assumed is still a question"
        );
        // Already in the plan, in other case and spacing: not offered again.
        c.plan.discovery.push(ListItem {
            id: Id::new("q").unwrap(),
            text: format!("  {}  ", elements[1].question.to_uppercase().replace(' ', "  ")),
            done: false,
            note: String::new(),
        });
        assert!(!open_questions(&deal, &c).contains(&elements[1].question));
    }
}
