//! The deals and templates in memory, and the pure function that applies an action to them
//! ([`Book::apply`]). No storage, DOM or clock: the caller passes ids and "now", and learns from
//! the returned [`Change`] what the store must write.

use super::action::{Action, Change, TemplateAction};
use super::edit::{edit, edit_templates};
use super::template::DEFAULT_TEMPLATE_ID;
use super::{clean_name, limit, Deal, DomainError, Id, Minutes, Refusal, Template, NAME_MAX};

/// The deals and templates in memory. Deals not yet opened may be absent (the store loads them
/// lazily); an action on an absent deal is refused with [`DomainError::UnknownDeal`].
#[derive(Clone, Debug, PartialEq)]
pub struct Book {
    pub deals: super::order::SortedMap<Id, Deal>,
    pub templates: Vec<Template>,
    /// The seller's curation of the playbook (what it collects is computed from the deals).
    pub playbook: Vec<super::playbook::Entry>,
    /// The template edits made since the templates were last written, in order: replayed over
    /// another tab's templates ([`Book::rebase_templates`]), so neither tab's edits are lost.
    /// Shared, so the copy of the book each state update makes does not copy them.
    pub unsaved_templates: Vec<std::rc::Rc<TemplateAction>>,
    /// The playbook entries changed since the playbook was last written: another tab's
    /// playbook takes this tab's version of these only ([`super::playbook::merge`]).
    pub unsaved_playbook: Vec<Id>,
}

impl Default for Book {
    fn default() -> Self {
        Book {
            deals: Default::default(),
            templates: vec![Template::default_template()],
            playbook: Vec::new(),
            unsaved_templates: Vec::new(),
            unsaved_playbook: Vec::new(),
        }
    }
}

impl Book {
    pub fn template(&self, id: &Id) -> Option<&Template> {
        self.templates.iter().find(|t| &t.id == id)
    }

    /// The deal's template, falling back to the default one if it was deleted.
    pub fn template_for(&self, deal: &Deal) -> &Template {
        template_for(&self.templates, deal)
    }

    /// Applies one action at `now`. On error nothing has changed.
    pub fn apply(&mut self, action: Action, now: Minutes) -> Result<Change, Refusal> {
        match action {
            Action::CreateDeal { id, client, name } => {
                if self.deals.contains_key(&id) {
                    return Err(DomainError::DuplicateId(id.as_str().to_owned()).into());
                }
                let name = clean_name(&name)?;
                let client = limit(client.trim(), "client", NAME_MAX)?;
                let deal = Deal::new(id.clone(), client, name, Id::default_template(), now);
                self.deals.insert(id.clone(), deal);
                Ok(Change::Deal(id))
            }
            Action::InsertDeal(deal) => {
                let id = deal.id.clone();
                if self.deals.contains_key(&id) {
                    return Err(DomainError::DuplicateId(id.as_str().to_owned()).into());
                }
                self.deals.insert(id.clone(), *deal);
                Ok(Change::Deal(id))
            }
            Action::DeleteDeal(id) => {
                self.deals
                    .remove(&id)
                    .ok_or_else(|| DomainError::UnknownDeal(id.as_str().to_owned()))?;
                Ok(Change::DealRemoved(id))
            }
            Action::Edit { deal, op } => {
                let current = self
                    .deals
                    .get(&deal)
                    .ok_or_else(|| DomainError::UnknownDeal(deal.as_str().to_owned()))?;
                // Work on a copy so a refused edit leaves the deal untouched.
                let mut next = current.clone();
                edit(&mut next, op, self.template_for(current), now)?;
                // Saturating: a revision near the top (imports are bounded to 2^53) never wraps.
                next.rev = next.rev.saturating_add(1);
                next.updated = now;
                self.deals.insert(deal.clone(), next);
                Ok(Change::Deal(deal))
            }
            Action::Template(op) => {
                // Every edit is checked before it changes anything: no copy to fall back to.
                let op = std::rc::Rc::new(op);
                edit_templates(&mut self.templates, &op)?;
                self.unsaved_templates.push(op);
                Ok(Change::Templates)
            }
            Action::Playbook { line, id, change } => {
                let id = super::playbook::apply(&mut self.playbook, &line, id, change, now)?;
                if !self.unsaved_playbook.contains(&id) {
                    self.unsaved_playbook.push(id);
                }
                Ok(Change::Playbook)
            }
        }
    }

    /// Takes another tab's templates with this tab's unsaved template edits replayed over them
    /// (an item's wording typed here and a weight changed there both stay). An edit is refused
    /// only when the other tab deleted its template; then every template this tab has that
    /// theirs lack is kept as this tab has it (last in the list): in doubt, nothing typed here
    /// is lost. Returns whether one was kept.
    pub fn rebase_templates(&mut self, theirs: Vec<Template>) -> bool {
        let ours = std::mem::replace(&mut self.templates, theirs);
        let mut refused = false;
        for op in &self.unsaved_templates {
            refused |= edit_templates(&mut self.templates, op).is_err();
        }
        // Only after a refusal, and after every edit was tried, so none applies twice.
        let mut kept = false;
        for mine in ours.iter().filter(|_| refused) {
            if self.template(&mine.id).is_none() {
                self.templates.push(mine.clone());
                kept = true;
            }
        }
        kept
    }
}

/// The deal's template among `templates`, falling back to the default one if it was deleted.
pub fn template_for<'t>(templates: &'t [Template], deal: &Deal) -> &'t Template {
    let find = |id: &str| templates.iter().find(|t| t.id.as_str() == id);
    find(deal.template.as_str())
        .or_else(|| find(DEFAULT_TEMPLATE_ID))
        .or(templates.first())
        .unwrap_or_else(|| default_template_ref())
}

fn default_template_ref() -> &'static Template {
    use std::sync::OnceLock;
    static DEFAULT: OnceLock<Template> = OnceLock::new();
    DEFAULT.get_or_init(Template::default_template)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::action::{DealAction, ReviewDraft, TemplateAction};
    use crate::domain::call::{EvidenceChange, ListEdit, Placed, PlanList};
    use crate::domain::testing::{id, now};
    use crate::domain::*;

    /// The deal d1 with one discovery call, c1, held on 2026-11-25.
    fn book_with_call() -> Book {
        let mut book = book_with_deal();
        let call = DealAction::AddCall {
            id: id("c1"),
            at: "2026-11-25T10:00".into(),
            kind: CallKind::Discovery,
        };
        edit_d1(&mut book, call).unwrap();
        book
    }

    fn book_with_deal() -> Book {
        let mut book = Book::default();
        book.apply(
            Action::CreateDeal {
                id: id("d1"),
                client: "Acme".into(),
                name: "Rollout".into(),
            },
            now(),
        )
        .unwrap();
        book
    }
    fn edit_d1(book: &mut Book, op: DealAction) -> Result<Change, Refusal> {
        book.apply(Action::Edit { deal: id("d1"), op }, now())
    }

    #[test]
    fn invalid_operations_are_typed_errors_and_change_nothing() {
        let mut book = book_with_deal();
        let before = book.clone();
        let long = "x".repeat(201);
        let cases = [
            (
                Action::CreateDeal {
                    id: id("d2"),
                    client: "".into(),
                    name: "  ".into(),
                },
                DomainError::EmptyName,
            ),
            (
                Action::CreateDeal {
                    id: id("d2"),
                    client: "".into(),
                    name: long.clone(),
                },
                DomainError::TooLong {
                    field: "name",
                    max: 200,
                },
            ),
            (
                Action::CreateDeal {
                    id: id("d1"),
                    client: "".into(),
                    name: "x".into(),
                },
                DomainError::DuplicateId("d1".into()),
            ),
            (
                Action::DeleteDeal(id("nope")),
                DomainError::UnknownDeal("nope".into()),
            ),
            (
                Action::Edit {
                    deal: id("d1"),
                    op: DealAction::SetTarget("2026-02-30".into()),
                },
                DomainError::BadDate("2026-02-30".into()),
            ),
            (
                Action::Edit {
                    deal: id("d1"),
                    op: DealAction::AddCall {
                        id: id("c1"),
                        at: "tomorrow".into(),
                        kind: CallKind::Demo,
                    },
                },
                DomainError::BadDate("tomorrow".into()),
            ),
            (
                Action::Edit {
                    deal: id("d1"),
                    op: DealAction::RemovePerson(id("ghost")),
                },
                DomainError::UnknownItem("ghost".into()),
            ),
            (
                Action::Template(TemplateAction::Delete(id("default"))),
                DomainError::DefaultTemplate,
            ),
            (
                Action::Template(TemplateAction::SetWeight {
                    template: id("default"),
                    item: id("ag"),
                    weight: 4,
                }),
                DomainError::BadWeight,
            ),
            // Template edits change the templates in place: each is refused before it
            // changes anything.
            (
                Action::Template(TemplateAction::Add {
                    id: id("default"),
                    name: "Again".into(),
                }),
                DomainError::DuplicateId("default".into()),
            ),
            (
                Action::Template(TemplateAction::Duplicate {
                    from: id("ghost"),
                    id: id("t9"),
                }),
                DomainError::UnknownItem("ghost".into()),
            ),
            (
                Action::Template(TemplateAction::Rename {
                    id: id("default"),
                    name: " ".into(),
                }),
                DomainError::EmptyName,
            ),
            (
                Action::Template(TemplateAction::AddItem {
                    template: id("default"),
                    id: id("ag"),
                    text: "Twice".into(),
                }),
                DomainError::DuplicateId("ag".into()),
            ),
            (
                Action::Template(TemplateAction::EditItem {
                    template: id("default"),
                    item: id("ag"),
                    hint: true,
                    text: "h".repeat(LINE_MAX + 1),
                }),
                DomainError::TooLong {
                    field: "hint",
                    max: LINE_MAX,
                },
            ),
            (
                Action::Template(TemplateAction::SetProof {
                    template: id("default"),
                    item: id("ag"),
                    proof: crate::domain::proof::Proof::Rule(crate::domain::proof::Rule::Discovery(21)),
                }),
                DomainError::BadCount,
            ),
            (
                Action::Template(TemplateAction::MoveItem {
                    template: id("default"),
                    item: id("ghost"),
                    delta: 1,
                }),
                DomainError::UnknownItem("ghost".into()),
            ),
            (
                Action::Template(TemplateAction::Retire {
                    template: id("t9"),
                    item: id("ag"),
                    retired: true,
                }),
                DomainError::UnknownItem("t9".into()),
            ),
        ];
        for (action, expected) in cases {
            assert_eq!(
                book.apply(action.clone(), now()),
                Err(Box::new(expected)),
                "{action:?}"
            );
            assert_eq!(book, before, "{action:?} changed the book");
        }
    }

    #[test]
    fn every_edit_bumps_the_revision_and_touch_time() {
        let mut book = book_with_deal();
        let later = now().plus_hours(1);
        book.apply(
            Action::Edit {
                deal: id("d1"),
                op: DealAction::SetValue("€40k".into()),
            },
            later,
        )
        .unwrap();
        let d = &book.deals[&id("d1")];
        assert_eq!((d.rev, d.updated, d.value.as_str()), (2, later, "€40k"));
    }

    #[test]
    fn plan_lists_support_add_edit_reorder_and_delete() {
        let mut book = book_with_deal();
        edit_d1(
            &mut book,
            DealAction::AddCall {
                id: id("c1"),
                at: "2026-11-27T10:00".into(),
                kind: CallKind::Demo,
            },
        )
        .unwrap();
        let list = |edit| DealAction::EditList {
            call: id("c1"),
            list: PlanList::Agenda,
            edit,
        };
        for (n, text) in ["a", "b", "c"].iter().enumerate() {
            let add = ListEdit::Add(Placed {
                at: usize::MAX,
                id: id(&format!("l{n}")),
                left: text.to_string(),
                right: String::new(),
                done: false,
            });
            edit_d1(&mut book, list(add)).unwrap();
        }
        let moved = ListEdit::Move {
            id: id("l2"),
            delta: -5,
        };
        edit_d1(&mut book, list(moved)).unwrap();
        let edited = ListEdit::Edit {
            id: id("l0"),
            right: false,
            text: "A".into(),
        };
        edit_d1(&mut book, list(edited)).unwrap();
        edit_d1(&mut book, list(ListEdit::Remove(id("l1")))).unwrap();
        // Lists of pairs take the same edits.
        let pair = DealAction::EditList {
            call: id("c1"),
            list: PlanList::Objections,
            edit: ListEdit::Add(Placed {
                at: usize::MAX,
                id: id("m1"),
                left: "Too expensive".into(),
                right: "Cost of doing nothing".into(),
                done: false,
            }),
        };
        edit_d1(&mut book, pair).unwrap();
        let objections = &book.deals[&id("d1")].calls[0].plan.objections;
        assert_eq!(
            (objections[0].left.as_str(), objections[0].right.as_str()),
            ("Too expensive", "Cost of doing nothing")
        );
        // Each side is edited alone: the other keeps what is stored.
        let side = |right, text: &str| DealAction::EditList {
            call: id("c1"),
            list: PlanList::Objections,
            edit: ListEdit::Edit {
                id: id("m1"),
                right,
                text: text.into(),
            },
        };
        edit_d1(&mut book, side(true, "Payback in 6 months")).unwrap();
        edit_d1(&mut book, side(false, "Too pricey")).unwrap();
        let objections = &book.deals[&id("d1")].calls[0].plan.objections;
        assert_eq!(
            (objections[0].left.as_str(), objections[0].right.as_str()),
            ("Too pricey", "Payback in 6 months")
        );
        let again = edit_d1(&mut book, list(ListEdit::Remove(id("l1"))));
        assert!(again.is_err(), "removing a line that is gone is refused");
        // Several lines in one step, or none when one is refused.
        let lines =
            |ids: [&str; 2]| ListEdit::AddLines(ids.iter().map(|i| (id(i), format!("line {i}"))).collect());
        let before = book.clone();
        assert!(
            edit_d1(&mut book, list(lines(["n1", "l2"]))).is_err(),
            "l2 is taken"
        );
        assert!(
            edit_d1(&mut book, list(lines(["n1", "n1"]))).is_err(),
            "twice the same id"
        );
        assert_eq!(book, before);
        edit_d1(&mut book, list(lines(["n1", "n2"]))).unwrap();
        let agenda = |b: &Book| {
            b.deals[&id("d1")].calls[0]
                .plan
                .agenda
                .iter()
                .map(|i| i.text.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(agenda(&book), ["c", "A", "line n1", "line n2"]);
        edit_d1(&mut book, list(ListEdit::Remove(id("n1")))).unwrap();
        edit_d1(&mut book, list(ListEdit::Remove(id("n2")))).unwrap();
        let texts: Vec<_> = book.deals[&id("d1")].calls[0]
            .plan
            .agenda
            .iter()
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(texts, ["c", "A"]);
    }

    #[test]
    fn call_mode_ticks_lines_and_keeps_answers() {
        let mut book = book_with_call();
        let add = DealAction::EditList {
            call: id("c1"),
            list: PlanList::Discovery,
            edit: ListEdit::Add(Placed {
                at: usize::MAX,
                id: id("q1"),
                left: "How do you plan today?".into(),
                right: String::new(),
                done: false,
            }),
        };
        edit_d1(&mut book, add).unwrap();
        let tick = |list, item: &str| DealAction::Tick {
            call: id("c1"),
            list,
            item: id(item),
            done: true,
        };
        let answer = |text: String| DealAction::Answer {
            call: id("c1"),
            list: PlanList::Discovery,
            item: id("q1"),
            text,
        };
        edit_d1(&mut book, tick(PlanList::Discovery, "q1")).unwrap();
        edit_d1(&mut book, answer("Spreadsheets".into())).unwrap();
        let before = book.clone();
        assert!(
            edit_d1(&mut book, tick(PlanList::Agenda, "q1")).is_err(),
            "not on the agenda"
        );
        assert!(
            edit_d1(&mut book, tick(PlanList::Objections, "q1")).is_err(),
            "pairs are not ticked"
        );
        assert!(edit_d1(&mut book, answer("x".repeat(crate::domain::LINE_MAX + 1))).is_err());
        assert_eq!(book, before);
        let q = &book.deals[&id("d1")].calls[0].plan.discovery[0];
        assert!(q.done);
        assert_eq!(q.note, "Spreadsheets");
    }

    #[test]
    fn saving_a_review_applies_evidence_and_records_a_snapshot() {
        let mut book = book_with_call();
        let draft = ReviewDraft {
            happened: "Good call".into(),
            next_step: "Demo for IT".into(),
            next_step_on: "2026-12-01".into(),
            evidence: vec![("need".into(), EvidenceLevel::Heard)],
            we_promised: "Send the pricing sheet\n\n   Intro to our CTO  \n".into(),
            they_promised: "Share last quarter's numbers".into(),
            ..ReviewDraft::default()
        };
        edit_d1(
            &mut book,
            DealAction::SaveReview {
                call: id("c1"),
                draft: Box::new(draft),
            },
        )
        .unwrap();
        let d = &book.deals[&id("d1")];
        let review = d.calls[0].review.as_ref().unwrap();
        assert!(review.has_dated_next_step());
        assert_eq!(review.we_promised, ["Send the pricing sheet", "Intro to our CTO"]);
        assert_eq!(review.they_promised, ["Share last quarter's numbers"]);
        assert_eq!(
            review.evidence,
            [EvidenceChange {
                key: "need".into(),
                from: EvidenceLevel::Unknown,
                to: EvidenceLevel::Heard
            }]
        );
        assert_eq!(d.level("need"), EvidenceLevel::Heard);
        assert_eq!(d.snapshots.len(), 1);
        assert_eq!(d.snapshots[0].1, score(d, book.template_for(d), now()).total);
    }

    #[test]
    fn closing_a_deal_records_its_score_at_close_once() {
        let mut book = book_with_deal();
        edit_d1(&mut book, DealAction::SetOutcome(crate::domain::Outcome::Won)).unwrap();
        edit_d1(&mut book, DealAction::SetOutcome(crate::domain::Outcome::Lost)).unwrap();
        let d = &book.deals[&id("d1")];
        assert_eq!(
            d.snapshots,
            [(now(), 0)],
            "one snapshot, at close; changing the outcome again adds none"
        );
    }

    #[test]
    fn removing_a_template_item_keeps_it_readable_for_old_calls() {
        let mut book = book_with_deal();
        edit_d1(
            &mut book,
            DealAction::AddCall {
                id: id("c1"),
                at: "2026-11-27T10:00".into(),
                kind: CallKind::Demo,
            },
        )
        .unwrap();
        edit_d1(
            &mut book,
            DealAction::SetChecked {
                call: id("c1"),
                item: id("ag"),
                checked: true,
            },
        )
        .unwrap();
        let retire = |retired| {
            Action::Template(TemplateAction::Retire {
                template: id("default"),
                item: id("ag"),
                retired,
            })
        };
        let before = book.template(&id("default")).unwrap().clone();
        book.apply(retire(true), now()).unwrap();
        let t = book.template(&id("default")).unwrap();
        assert_eq!(
            t.item(&id("ag")).unwrap().text,
            "Agenda confirmed with the client"
        );
        assert_eq!(t.active().count(), 9);
        // "Undo" brings it back where it was, as it was.
        book.apply(retire(false), now()).unwrap();
        assert_eq!(book.template(&id("default")).unwrap(), &before);
        book.apply(retire(true), now()).unwrap();
        book.apply(Action::Template(TemplateAction::ResetDefault), now())
            .unwrap();
        assert_eq!(book.template(&id("default")).unwrap().active().count(), 10);
    }

    /// Template edits typed here while another tab wrote the templates are replayed over
    /// theirs: both tabs' edits stay, a move moves from where the item is now, and the edits
    /// count as unsaved until written.
    #[test]
    fn unsaved_template_edits_are_replayed_over_another_tabs() {
        let op = |op| Action::Template(op);
        let mut book = Book::default();
        for edit in [
            TemplateAction::EditItem {
                template: id("default"),
                item: id("ob"),
                hint: false,
                text: "Objective, mine".into(),
            },
            TemplateAction::MoveItem {
                template: id("default"),
                item: id("dm"),
                delta: -1,
            },
        ] {
            book.apply(op(edit), now()).unwrap();
        }
        let mut theirs = Template::default_template();
        theirs.items[1].weight = 3;
        theirs.items.swap(0, 1);
        assert!(!book.rebase_templates(vec![theirs]));
        let t = book.template(&id("default")).unwrap();
        let order: Vec<&str> = t.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(
            order,
            ["ag", "ob", "at", "rr", "dq", "pq", "cm", "oj", "dm", "ba"]
        );
        assert_eq!(t.items[1].text, "Objective, mine");
        assert_eq!(t.items[0].weight, 3, "their weight stays");
        assert_eq!(book.unsaved_templates.len(), 2, "still to be written");
    }

    /// A template the other tab deleted while it was edited here comes back exactly as this
    /// tab has it (its edits not applied twice), last, and says so; templates made or deleted
    /// here and not written yet are made or deleted over theirs.
    #[test]
    fn a_template_deleted_in_another_tab_while_edited_here_is_kept() {
        let mut book = Book::default();
        let add = |t: &str| TemplateAction::Add {
            id: id(t),
            name: t.into(),
        };
        let item = |i: &str| TemplateAction::AddItem {
            template: id("t1"),
            id: id(i),
            text: i.into(),
        };
        for edit in [add("t1"), item("a"), item("b"), add("t2")] {
            book.apply(Action::Template(edit), now()).unwrap();
        }
        let stored = book.templates.clone();
        book.unsaved_templates.clear();
        for edit in [
            item("c"),
            TemplateAction::MoveItem {
                template: id("t1"),
                item: id("c"),
                delta: -1,
            },
            TemplateAction::Delete(id("t2")),
            add("t3"),
        ] {
            book.apply(Action::Template(edit), now()).unwrap();
        }
        let mine = book.templates.clone();
        // Deleted there: t1, edited here, and t2, deleted here too.
        let theirs = |kept: usize| vec![stored[0].clone(), stored[kept].clone()];
        assert!(book.rebase_templates(theirs(2)), "t1 was edited here");
        let last = |mut t: Vec<Template>| {
            let t1 = t.remove(1);
            t.push(t1);
            t
        };
        assert_eq!(
            book.templates,
            last(mine.clone()),
            "t1 comes back last, as it is here"
        );
        assert!(!book.rebase_templates(theirs(1)));
        assert_eq!(book.templates, mine);
        // Nothing unsaved: theirs as they are.
        book.unsaved_templates.clear();
        assert!(!book.rebase_templates(vec![Template::default_template()]));
        assert_eq!(book.templates, vec![Template::default_template()]);
    }

    #[test]
    fn removing_a_person_removes_them_from_call_attendees() {
        let mut book = book_with_deal();
        edit_d1(
            &mut book,
            DealAction::AddPerson {
                id: id("p1"),
                name: "Dana".into(),
            },
        )
        .unwrap();
        edit_d1(
            &mut book,
            DealAction::AddCall {
                id: id("c1"),
                at: "2026-11-27T10:00".into(),
                kind: CallKind::Demo,
            },
        )
        .unwrap();
        edit_d1(
            &mut book,
            DealAction::SetAttendee {
                call: id("c1"),
                person: id("p1"),
                on: true,
            },
        )
        .unwrap();
        let before = book.deals[&id("d1")].clone();
        edit_d1(&mut book, DealAction::RemovePerson(id("p1"))).unwrap();
        assert!(book.deals[&id("d1")].calls[0].attendees.is_empty());
        // Undo puts the person back, in place and attending again.
        let restore = DealAction::RestorePerson {
            person: Box::new(before.people[0].clone()),
            at: 0,
            calls: vec![id("c1")],
        };
        edit_d1(&mut book, restore.clone()).unwrap();
        let after = &book.deals[&id("d1")];
        assert_eq!(
            (&after.people, &after.calls[0].attendees),
            (&before.people, &before.calls[0].attendees)
        );
        assert!(edit_d1(&mut book, restore).is_err(), "never twice");
    }

    /// Each text field is edited alone: an edit carries only the field typed in, so it can
    /// never write back another field as it was when the page was drawn. A name typed blank is
    /// refused (the page keeps the field blank and the name stored); a trailing space is kept
    /// for the next word.
    #[test]
    fn a_text_edit_touches_only_its_own_field() {
        let mut book = book_with_deal();
        let person = |field, text: &str| DealAction::EditPerson {
            id: id("p1"),
            field,
            text: text.into(),
        };
        let add = DealAction::AddPerson {
            id: id("p1"),
            name: "Dana".into(),
        };
        edit_d1(&mut book, add).unwrap();
        edit_d1(&mut book, person(PersonField::Title, "  CFO")).unwrap();
        edit_d1(&mut book, person(PersonField::Notes, "  Signs. ")).unwrap();
        edit_d1(&mut book, person(PersonField::Name, "Dana ")).unwrap();
        let p = &book.deals[&id("d1")].people[0];
        assert_eq!(
            (p.name.as_str(), p.title.as_str(), p.notes.as_str()),
            ("Dana ", "CFO", "  Signs. ")
        );
        let before = book.clone();
        assert_eq!(
            edit_d1(&mut book, person(PersonField::Name, " ")),
            Err(DomainError::EmptyName.into())
        );
        assert_eq!(
            edit_d1(&mut book, DealAction::Rename("".into())),
            Err(DomainError::EmptyName.into())
        );
        assert_eq!(book, before, "a refused edit changes nothing");

        edit_d1(&mut book, DealAction::SetClient("  Acme Corp".into())).unwrap();
        edit_d1(&mut book, DealAction::Rename("Rollout 2 ".into())).unwrap();
        let deal = &book.deals[&id("d1")];
        assert_eq!(
            (deal.client.as_str(), deal.name.as_str()),
            ("Acme Corp", "Rollout 2 ")
        );

        let item = |hint, text: &str| {
            Action::Template(TemplateAction::EditItem {
                template: id("default"),
                item: id("ag"),
                hint,
                text: text.into(),
            })
        };
        book.apply(item(true, " Ask for their agenda"), now()).unwrap();
        book.apply(item(false, "Agenda agreed"), now()).unwrap();
        assert!(book.apply(item(false, ""), now()).is_err());
        let ag = book.template(&id("default")).unwrap().item(&id("ag")).unwrap();
        assert_eq!(
            (ag.text.as_str(), ag.hint.as_str()),
            ("Agenda agreed", "Ask for their agenda")
        );
    }

    /// Every name the domain refuses as blank names the field it was typed in
    /// (`Action::named`), so the page keeps that field blank instead of putting the stored
    /// name back; other texts name none.
    #[test]
    fn a_name_refused_as_blank_says_which_field() {
        use crate::domain::playbook::{collect, rows, Change as Line};
        let mut book = book_with_call();
        let add = DealAction::AddPerson {
            id: id("p1"),
            name: "Dana".into(),
        };
        edit_d1(&mut book, add).unwrap();
        let question = DealAction::EditList {
            call: id("c1"),
            list: PlanList::Discovery,
            edit: ListEdit::Add(Placed {
                at: usize::MAX,
                id: id("l1"),
                left: "Who signs?".into(),
                right: String::new(),
                done: false,
            }),
        };
        edit_d1(&mut book, question).unwrap();
        let deal = |op| Action::Edit { deal: id("d1"), op };
        let line = rows(&collect([&book.deals[&id("d1")]]), &[]).remove(0);
        let cases = vec![
            (deal(DealAction::Rename(" ".into())), Some("d1")),
            (
                deal(DealAction::EditPerson {
                    id: id("p1"),
                    field: PersonField::Name,
                    text: "".into(),
                }),
                Some("p1"),
            ),
            (
                Action::Template(TemplateAction::Rename {
                    id: id("default"),
                    name: "".into(),
                }),
                Some("default"),
            ),
            (
                Action::Template(TemplateAction::EditItem {
                    template: id("default"),
                    item: id("ag"),
                    hint: false,
                    text: " ".into(),
                }),
                Some("ag"),
            ),
        ];
        let key = line.key.clone();
        let blank = Action::Playbook {
            line: Box::new(line),
            id: id("e1"),
            change: Line::Text(" ".into()),
        };
        assert_eq!(blank.named(), Some(key.as_str()));
        assert_eq!(book.apply(blank, now()), Err(DomainError::EmptyName.into()));
        for (action, named) in cases {
            assert_eq!(action.named(), named);
            assert_eq!(book.apply(action, now()), Err(DomainError::EmptyName.into()));
        }
        let title = deal(DealAction::EditPerson {
            id: id("p1"),
            field: PersonField::Title,
            text: "".into(),
        });
        assert_eq!(title.named(), None, "a title may be blank");
    }
}
