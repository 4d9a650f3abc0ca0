//! Call mode's hand-over to the review: what was asked and answered, the ask proposed as the
//! next step, and evidence changes suggested where a question is one of a qualification
//! element's own ("Budget: Heard?").

use std::fmt::Write;

use super::action::ReviewDraft;
use super::carry::fold;
use super::playbook::Entry;
use super::{Call, Deal, EvidenceLevel};

/// The review draft "End call" opens: `kept` (a draft already being written) keeps every word
/// typed in it; what call mode adds goes only where the draft is still empty, and the
/// suggestions are replaced.
pub fn review_after(deal: &Deal, call: &Call, kept: Option<&ReviewDraft>, playbook: &[Entry]) -> ReviewDraft {
    let mut draft = kept
        .cloned()
        .unwrap_or_else(|| ReviewDraft::of(deal, call.review.as_ref()));
    let plan = &call.plan;
    if draft.happened.trim().is_empty() {
        let mut notes = String::new();
        let covered: Vec<&str> = plan
            .agenda
            .iter()
            .filter(|a| a.done)
            .map(|a| a.text.trim())
            .collect();
        if !covered.is_empty() {
            let _ = writeln!(notes, "Agenda covered: {}", super::text::join(&covered, "; "));
        }
        for q in plan.discovery.iter().chain(&plan.pain) {
            let answer = q.note.trim();
            match (q.done, answer.is_empty()) {
                (_, false) => {
                    let _ = writeln!(notes, "{} — {answer}", q.text.trim());
                }
                (true, true) => {
                    let _ = writeln!(notes, "{} — asked", q.text.trim());
                }
                (false, true) => {}
            }
        }
        draft.happened = notes.trim().to_owned();
    }
    if draft.next_step.trim().is_empty() {
        draft.next_step = plan.ask.trim().to_owned();
    }
    draft.suggested = suggestions(deal, call, playbook);
    draft
}

/// For each question asked (ticked or answered) that is a qualification element's own question,
/// or that the playbook tags with an element, that element at Heard, if it is known less than
/// that.
pub fn suggestions(deal: &Deal, call: &Call, playbook: &[Entry]) -> Vec<(String, EvidenceLevel)> {
    let asked: Vec<String> = call
        .plan
        .discovery
        .iter()
        .chain(&call.plan.pain)
        .filter(|q| q.done || !q.note.trim().is_empty())
        .map(|q| fold(&q.text))
        .collect();
    deal.preset
        .elements()
        .iter()
        .filter(|e| deal.level(e.key) < EvidenceLevel::Heard)
        .filter(|e| {
            asked.contains(&fold(e.question))
                || playbook.iter().any(|t| {
                    t.element == e.key
                        && !t.removed
                        && asked.iter().any(|a| *a == t.key || *a == fold(&t.text))
                })
        })
        .map(|e| (e.key.to_owned(), EvidenceLevel::Heard))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{deal::fixture, CallKind, Id, ListItem, Minutes};

    fn line(id: &str, text: &str, done: bool, note: &str) -> ListItem {
        ListItem {
            id: Id::new(id).unwrap(),
            text: text.into(),
            done,
            note: note.into(),
        }
    }

    #[test]
    fn ending_a_call_proposes_a_review_from_what_was_asked() {
        let mut deal = fixture(Minutes(0));
        let budget = deal
            .preset
            .elements()
            .iter()
            .find(|e| e.key == "budget")
            .expect("the default preset asks about budget");
        let mut call = Call::new(Id::new("c1").unwrap(), Minutes(10), CallKind::Discovery);
        call.plan.ask = "  A pilot in March ".into();
        call.plan.agenda = vec![line("a1", "Intros", true, ""), line("a2", "Demo", false, "")];
        call.plan.discovery = vec![
            line("q1", "How do you plan today?", true, "Spreadsheets"),
            line("q2", &budget.question.to_uppercase(), true, ""),
            line("q3", "Never asked", false, ""),
        ];
        call.plan.pain = vec![line("p1", "What does a late truck cost?", false, "Two accounts")];
        let draft = review_after(&deal, &call, None, &[]);
        assert_eq!(
            draft.happened,
            format!(
                "Agenda covered: Intros\nHow do you plan today? — Spreadsheets\n{} — asked\nWhat does a late truck cost? — Two accounts",
                budget.question.to_uppercase()
            )
        );
        assert_eq!(draft.next_step, "A pilot in March");
        assert_eq!(draft.suggested, [("budget".to_owned(), EvidenceLevel::Heard)]);

        // Words already typed in a draft are kept; a known element is not suggested again.
        let typed = ReviewDraft {
            happened: "My own notes".into(),
            ..ReviewDraft::default()
        };
        deal.set_evidence("budget", EvidenceLevel::Confirmed, None);
        let again = review_after(&deal, &call, Some(&typed), &[]);
        assert_eq!(again.happened, "My own notes");
        assert_eq!(again.next_step, "A pilot in March");
        assert!(again.suggested.is_empty());
    }

    #[test]
    fn a_question_the_playbook_tags_suggests_its_element() {
        use crate::domain::playbook::{Entry, Kind};
        let deal = fixture(Minutes(0));
        let mut call = Call::new(Id::new("c1").unwrap(), Minutes(10), CallKind::Discovery);
        call.plan.discovery = vec![
            line("q1", "How do you spend today?", true, ""),
            line("q2", "Who else weighs in?", false, ""),
        ];
        let tag = |text: &str, element: &str, removed: bool| Entry {
            element: element.into(),
            removed,
            ..Entry::new(Id::new("e1").unwrap(), Kind::Discovery, text, Minutes(1))
        };
        assert!(
            suggestions(&deal, &call, &[]).is_empty(),
            "not an element's own question"
        );
        let tagged = [tag("how do you SPEND today?", "budget", false)];
        assert_eq!(
            suggestions(&deal, &call, &tagged),
            [("budget".to_owned(), EvidenceLevel::Heard)]
        );
        // Not asked, removed from the playbook, or tagged with an element not in the preset.
        assert!(suggestions(&deal, &call, &[tag("Who else weighs in?", "budget", false)]).is_empty());
        assert!(suggestions(&deal, &call, &[tag("How do you spend today?", "budget", true)]).is_empty());
        assert!(suggestions(
            &deal,
            &call,
            &[tag("How do you spend today?", "unheard-of", false)]
        )
        .is_empty());
    }
}
