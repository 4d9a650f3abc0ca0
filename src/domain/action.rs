//! Every user operation as a value ([`Action`]), and the pure function that applies it to the
//! loaded data ([`Book::apply`]). No storage, DOM or clock: the caller passes ids and "now", and
//! learns from the returned [`Change`] what the store must write.

use std::collections::BTreeMap;

use super::call::EvidenceChange;
use super::call::{PairList, PlanList};
use super::order;
use super::template::DEFAULT_TEMPLATE_ID;
use super::{
    clean_name, limit, score, typed_name, Call, CallKind, Day, Deal, DomainError, EvidenceLevel, Id,
    ListItem, Minutes, Outcome, Pair, Preset, Review, Role, Stage, Stakeholder, Template, TemplateItem,
    NAME_MAX, NOTE_MAX,
};

/// Longest line in a plan list, pair side, objective or ask.
pub const LINE_MAX: usize = 1_000;

/// The deals and templates in memory. Deals not yet opened may be absent (the store loads them
/// lazily); an action on an absent deal is refused with [`DomainError::UnknownDeal`].
#[derive(Clone, Debug, PartialEq)]
pub struct Book {
    pub deals: BTreeMap<Id, Deal>,
    pub templates: Vec<Template>,
}

impl Default for Book {
    fn default() -> Self {
        Book {
            deals: BTreeMap::new(),
            templates: vec![Template::default_template()],
        }
    }
}

/// What an applied action changed, so the store writes only that.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Deal(Id),
    DealRemoved(Id),
    Templates,
}

/// An edit to one deal.
#[derive(Clone, Debug, PartialEq)]
pub enum DealAction {
    Rename {
        client: String,
        name: String,
    },
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
    EditPerson {
        id: Id,
        name: String,
        title: String,
        notes: String,
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
    AddLine {
        call: Id,
        list: PlanList,
        id: Id,
        text: String,
    },
    EditLine {
        call: Id,
        list: PlanList,
        id: Id,
        text: String,
    },
    /// Moves a line by `delta` places (negative is up), clamped to the list.
    MoveLine {
        call: Id,
        list: PlanList,
        id: Id,
        delta: i32,
    },
    RemoveLine {
        call: Id,
        list: PlanList,
        id: Id,
    },
    AddPair {
        call: Id,
        list: PairList,
        id: Id,
        left: String,
        right: String,
    },
    EditPair {
        call: Id,
        list: PairList,
        id: Id,
        left: String,
        right: String,
    },
    MovePair {
        call: Id,
        list: PairList,
        id: Id,
        delta: i32,
    },
    RemovePair {
        call: Id,
        list: PairList,
        id: Id,
    },
    SetChecked {
        call: Id,
        item: Id,
        checked: bool,
    },
    /// Keeps the review being written (typing), until it is saved.
    SetReviewDraft {
        call: Id,
        draft: ReviewDraft,
    },
    /// Saves the review, applies its evidence updates and records a score snapshot.
    SaveReview {
        call: Id,
        draft: ReviewDraft,
    },
    RemoveSample,
}

/// A review as typed in the form; the next-step date is parsed when it is saved. Kept on the
/// call while it is being written, so closing the tab mid-review loses nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReviewDraft {
    #[serde(rename = "h", default)]
    pub happened: String,
    #[serde(rename = "n", default)]
    pub next_step: String,
    /// `YYYY-MM-DD` or empty.
    #[serde(rename = "d", default)]
    pub next_step_on: String,
    #[serde(rename = "c", default)]
    pub cues: String,
    #[serde(rename = "w", default)]
    pub how: [String; 4],
    #[serde(rename = "e", default)]
    pub evidence: Vec<(String, EvidenceLevel)>,
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
    EditItem {
        template: Id,
        item: Id,
        text: String,
        hint: String,
    },
    SetWeight {
        template: Id,
        item: Id,
        weight: u8,
    },
    MoveItem {
        template: Id,
        item: Id,
        delta: i32,
    },
    /// Retires the item: old calls keep reading it, it stops counting.
    RemoveItem {
        template: Id,
        item: Id,
    },
    ResetDefault,
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
}

impl Book {
    pub fn template(&self, id: &Id) -> Option<&Template> {
        self.templates.iter().find(|t| &t.id == id)
    }

    /// The deal's template, falling back to the default one if it was deleted.
    pub fn template_for(&self, deal: &Deal) -> &Template {
        self.template(&deal.template)
            .or_else(|| {
                self.templates
                    .iter()
                    .find(|t| t.id.as_str() == DEFAULT_TEMPLATE_ID)
            })
            .or(self.templates.first())
            .unwrap_or_else(|| default_template_ref())
    }

    /// Applies one action at `now`. On error nothing has changed.
    pub fn apply(&mut self, action: Action, now: Minutes) -> Result<Change, DomainError> {
        match action {
            Action::CreateDeal { id, client, name } => {
                if self.deals.contains_key(&id) {
                    return Err(DomainError::DuplicateId(id.to_string()));
                }
                let name = clean_name(&name)?;
                let client = limit(client.trim(), "client", NAME_MAX)?;
                let deal = Deal::new(id.clone(), client, name, Id::new(DEFAULT_TEMPLATE_ID)?, now);
                self.deals.insert(id.clone(), deal);
                Ok(Change::Deal(id))
            }
            Action::InsertDeal(deal) => {
                let id = deal.id.clone();
                if self.deals.contains_key(&id) {
                    return Err(DomainError::DuplicateId(id.to_string()));
                }
                self.deals.insert(id.clone(), *deal);
                Ok(Change::Deal(id))
            }
            Action::DeleteDeal(id) => {
                self.deals
                    .remove(&id)
                    .ok_or_else(|| DomainError::UnknownDeal(id.to_string()))?;
                Ok(Change::DealRemoved(id))
            }
            Action::Edit { deal, op } => {
                let current = self
                    .deals
                    .get(&deal)
                    .ok_or_else(|| DomainError::UnknownDeal(deal.to_string()))?;
                // Work on a copy so a refused edit leaves the deal untouched.
                let mut next = current.clone();
                let template = self.template_for(current).clone();
                edit(&mut next, op, &template, now)?;
                // Saturating: a revision near the top (imports are bounded to 2^53) never wraps.
                next.rev = next.rev.saturating_add(1);
                next.updated = now;
                self.deals.insert(deal.clone(), next);
                Ok(Change::Deal(deal))
            }
            Action::Template(op) => {
                let mut templates = self.templates.clone();
                edit_templates(&mut templates, op)?;
                self.templates = templates;
                Ok(Change::Templates)
            }
        }
    }
}

fn default_template_ref() -> &'static Template {
    use std::sync::OnceLock;
    static DEFAULT: OnceLock<Template> = OnceLock::new();
    DEFAULT.get_or_init(Template::default_template)
}

fn unknown(id: &Id) -> DomainError {
    DomainError::UnknownItem(id.to_string())
}

fn optional_day(text: &str) -> Result<Option<Day>, DomainError> {
    let text = text.trim();
    if text.is_empty() {
        Ok(None)
    } else {
        Day::parse(text).map(Some)
    }
}

fn call_mut<'a>(deal: &'a mut Deal, id: &Id) -> Result<&'a mut Call, DomainError> {
    deal.call_mut(id).ok_or_else(|| unknown(id))
}

fn person_mut<'a>(deal: &'a mut Deal, id: &Id) -> Result<&'a mut Stakeholder, DomainError> {
    deal.people
        .iter_mut()
        .find(|p| &p.id == id)
        .ok_or_else(|| unknown(id))
}

/// Moves the element with `id` by `delta` places within `items`.
fn shift<T>(items: &mut Vec<T>, id: &Id, delta: i32, id_of: impl Fn(&T) -> &Id) -> Result<(), DomainError> {
    let from = items
        .iter()
        .position(|i| id_of(i) == id)
        .ok_or_else(|| unknown(id))?;
    let to = (from as i64 + i64::from(delta)).clamp(0, items.len() as i64 - 1) as usize;
    let item = items.remove(from);
    items.insert(to, item);
    Ok(())
}

fn ensure_new<T>(items: &[T], id: &Id, id_of: impl Fn(&T) -> &Id) -> Result<(), DomainError> {
    if items.iter().any(|i| id_of(i) == id) {
        Err(DomainError::DuplicateId(id.to_string()))
    } else {
        Ok(())
    }
}

fn edit(deal: &mut Deal, op: DealAction, template: &Template, now: Minutes) -> Result<(), DomainError> {
    use DealAction as A;
    match op {
        A::Rename { client, name } => {
            deal.name = typed_name(&name)?;
            deal.client = limit(client.trim_start(), "client", NAME_MAX)?;
        }
        A::SetValue(value) => deal.value = limit(value.trim_start(), "value", 60)?,
        A::SetTarget(text) => deal.target = optional_day(&text)?,
        A::SetOutcome(outcome) => deal.outcome = outcome,
        A::SetArchived(archived) => deal.archived = archived,
        A::MoveStage(stage) => {
            deal.move_to(stage, now);
        }
        A::SetEvidence { key, level } => {
            let before = deal.level(&key);
            if before != level {
                deal.set_evidence(&key, level, None);
            }
        }
        A::SetEvidenceNote { key, note } => {
            let note = limit(&note, "note", NOTE_MAX)?;
            let level = deal.level(&key);
            deal.set_evidence(&key, level, Some(note));
        }
        A::SwitchPreset(preset) => deal.switch_preset(preset),
        A::SetTemplate(id) => deal.template = id,
        A::AddPerson { id, name } => {
            ensure_new(&deal.people, &id, |p| &p.id)?;
            deal.people.push(Stakeholder::new(id, clean_name(&name)?));
        }
        A::EditPerson {
            id,
            name,
            title,
            notes,
        } => {
            let name = typed_name(&name)?;
            let title = limit(title.trim_start(), "title", NAME_MAX)?;
            let notes = limit(&notes, "notes", NOTE_MAX)?;
            let p = person_mut(deal, &id)?;
            (p.name, p.title, p.notes) = (name, title, notes);
        }
        A::SetLastContact { id, day } => {
            let day = optional_day(&day)?;
            person_mut(deal, &id)?.last_contact = day;
        }
        A::SetRole { id, role, on } => {
            let p = person_mut(deal, &id)?;
            p.roles.retain(|r| *r != role);
            if on {
                p.roles.push(role);
                order::sort_by(&mut p.roles, &|a, b| a.cmp(b));
            }
        }
        A::SetEngaged { id, engaged } => person_mut(deal, &id)?.engaged = engaged,
        A::RemovePerson(id) => {
            person_mut(deal, &id)?;
            deal.people.retain(|p| p.id != id);
            for call in &mut deal.calls {
                call.attendees.retain(|a| *a != id);
            }
        }
        A::AddCall { id, at, kind } => {
            ensure_new(&deal.calls, &id, |c| &c.id)?;
            let at = Minutes::parse(&at)?;
            deal.calls.push(Call::new(id, at, kind));
            order::sort_by(&mut deal.calls, &|a, b| a.at.cmp(&b.at));
        }
        A::SetCallTime { call, at } => {
            let at = Minutes::parse(&at)?;
            call_mut(deal, &call)?.at = at;
            order::sort_by(&mut deal.calls, &|a, b| a.at.cmp(&b.at));
        }
        A::SetCallKind { call, kind } => call_mut(deal, &call)?.kind = kind,
        A::SetAttendee { call, person, on } => {
            if deal.person(&person).is_none() {
                return Err(unknown(&person));
            }
            let c = call_mut(deal, &call)?;
            c.attendees.retain(|a| *a != person);
            if on {
                c.attendees.push(person);
            }
        }
        A::RemoveCall(id) => {
            call_mut(deal, &id)?;
            deal.calls.retain(|c| c.id != id);
        }
        A::SetObjective { call, text } => {
            call_mut(deal, &call)?.plan.objective = limit(&text, "objective", LINE_MAX)?
        }
        A::SetAsk { call, text } => {
            call_mut(deal, &call)?.plan.ask = limit(&text, "next step to ask for", LINE_MAX)?
        }
        A::AddLine { call, list, id, text } => {
            let text = limit(&text, "line", LINE_MAX)?;
            let items = call_mut(deal, &call)?.plan.list_mut(list);
            ensure_new(items, &id, |i| &i.id)?;
            items.push(ListItem { id, text });
        }
        A::EditLine { call, list, id, text } => {
            let text = limit(&text, "line", LINE_MAX)?;
            let items = call_mut(deal, &call)?.plan.list_mut(list);
            items
                .iter_mut()
                .find(|i| i.id == id)
                .ok_or_else(|| unknown(&id))?
                .text = text;
        }
        A::MoveLine {
            call,
            list,
            id,
            delta,
        } => shift(call_mut(deal, &call)?.plan.list_mut(list), &id, delta, |i| &i.id)?,
        A::RemoveLine { call, list, id } => {
            let items = call_mut(deal, &call)?.plan.list_mut(list);
            let before = items.len();
            items.retain(|i| i.id != id);
            if items.len() == before {
                return Err(unknown(&id));
            }
        }
        A::AddPair {
            call,
            list,
            id,
            left,
            right,
        } => {
            let (left, right) = (limit(&left, "line", LINE_MAX)?, limit(&right, "line", LINE_MAX)?);
            let items = call_mut(deal, &call)?.plan.pairs_mut(list);
            ensure_new(items, &id, |i| &i.id)?;
            items.push(Pair { id, left, right });
        }
        A::EditPair {
            call,
            list,
            id,
            left,
            right,
        } => {
            let (left, right) = (limit(&left, "line", LINE_MAX)?, limit(&right, "line", LINE_MAX)?);
            let items = call_mut(deal, &call)?.plan.pairs_mut(list);
            let pair = items
                .iter_mut()
                .find(|i| i.id == id)
                .ok_or_else(|| unknown(&id))?;
            (pair.left, pair.right) = (left, right);
        }
        A::MovePair {
            call,
            list,
            id,
            delta,
        } => shift(call_mut(deal, &call)?.plan.pairs_mut(list), &id, delta, |i| &i.id)?,
        A::RemovePair { call, list, id } => {
            let items = call_mut(deal, &call)?.plan.pairs_mut(list);
            let before = items.len();
            items.retain(|i| i.id != id);
            if items.len() == before {
                return Err(unknown(&id));
            }
        }
        A::SetChecked { call, item, checked } => {
            let plan = &mut call_mut(deal, &call)?.plan;
            plan.checked.retain(|i| *i != item);
            if checked {
                plan.checked.push(item);
            }
        }
        A::SetReviewDraft { call, draft } => {
            let long = [
                &draft.happened,
                &draft.cues,
                &draft.how[0],
                &draft.how[1],
                &draft.how[2],
                &draft.how[3],
            ];
            for text in long {
                limit(text, "review", NOTE_MAX)?;
            }
            limit(&draft.next_step, "next step", LINE_MAX)?;
            call_mut(deal, &call)?.draft = Some(draft);
        }
        A::SaveReview { call, draft } => {
            let next_step_on = optional_day(&draft.next_step_on)?;
            let mut how = draft.how;
            for text in &mut how {
                *text = limit(text, "reflection", NOTE_MAX)?;
            }
            call_mut(deal, &call)?;
            let mut changes = Vec::new();
            for (key, to) in draft.evidence {
                let from = deal.level(&key);
                if from != to {
                    deal.set_evidence(&key, to, None);
                    changes.push(EvidenceChange { key, from, to });
                }
            }
            let review = Review {
                happened: limit(&draft.happened, "what happened", NOTE_MAX)?,
                next_step: limit(draft.next_step.trim(), "next step", LINE_MAX)?,
                next_step_on,
                cues: limit(&draft.cues, "client cues", NOTE_MAX)?,
                how,
                evidence: changes,
            };
            let saved = call_mut(deal, &call)?;
            saved.review = Some(review);
            saved.draft = None;
            let value = score(deal, template, now).total;
            deal.snapshots.push((now, value));
        }
        A::RemoveSample => deal.sample = false,
    }
    Ok(())
}

fn template_mut<'a>(templates: &'a mut [Template], id: &Id) -> Result<&'a mut Template, DomainError> {
    templates
        .iter_mut()
        .find(|t| &t.id == id)
        .ok_or_else(|| unknown(id))
}

fn item_mut<'a>(template: &'a mut Template, id: &Id) -> Result<&'a mut TemplateItem, DomainError> {
    template
        .items
        .iter_mut()
        .find(|i| &i.id == id)
        .ok_or_else(|| unknown(id))
}

fn edit_templates(templates: &mut Vec<Template>, op: TemplateAction) -> Result<(), DomainError> {
    use TemplateAction as T;
    match op {
        T::Add { id, name } => {
            ensure_new(templates, &id, |t| &t.id)?;
            templates.push(Template {
                id,
                name: clean_name(&name)?,
                items: Vec::new(),
            });
        }
        T::Duplicate { from, id } => {
            ensure_new(templates, &id, |t| &t.id)?;
            let mut copy = template_mut(templates, &from)?.clone();
            copy.id = id;
            copy.name = format!("{} (copy)", copy.name);
            copy.items.retain(|i| !i.retired);
            templates.push(copy);
        }
        T::Rename { id, name } => template_mut(templates, &id)?.name = typed_name(&name)?,
        T::Delete(id) => {
            if id.as_str() == DEFAULT_TEMPLATE_ID {
                return Err(DomainError::DefaultTemplate);
            }
            template_mut(templates, &id)?;
            templates.retain(|t| t.id != id);
        }
        T::AddItem { template, id, text } => {
            let text = clean_name(&text)?;
            let t = template_mut(templates, &template)?;
            ensure_new(&t.items, &id, |i| &i.id)?;
            t.items.push(TemplateItem {
                id,
                text,
                hint: String::new(),
                weight: 1,
                retired: false,
            });
        }
        T::EditItem {
            template,
            item,
            text,
            hint,
        } => {
            let text = typed_name(&text)?;
            let hint = limit(hint.trim_start(), "hint", LINE_MAX)?;
            let i = item_mut(template_mut(templates, &template)?, &item)?;
            (i.text, i.hint) = (text, hint);
        }
        T::SetWeight {
            template,
            item,
            weight,
        } => {
            if !(1..=3).contains(&weight) {
                return Err(DomainError::BadWeight);
            }
            item_mut(template_mut(templates, &template)?, &item)?.weight = weight;
        }
        T::MoveItem {
            template,
            item,
            delta,
        } => shift(
            &mut template_mut(templates, &template)?.items,
            &item,
            delta,
            |i| &i.id,
        )?,
        T::RemoveItem { template, item } => {
            item_mut(template_mut(templates, &template)?, &item)?.retired = true
        }
        T::ResetDefault => {
            let fresh = Template::default_template();
            match templates.iter_mut().find(|t| t.id == fresh.id) {
                Some(current) => {
                    // Custom items are retired rather than dropped, so old calls still read them.
                    let mut items = fresh.items.clone();
                    for old in &current.items {
                        if !items.iter().any(|i| i.id == old.id) {
                            items.push(TemplateItem {
                                retired: true,
                                ..old.clone()
                            });
                        }
                    }
                    *current = Template { items, ..fresh };
                }
                None => templates.insert(0, fresh),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }
    fn now() -> Minutes {
        Minutes::parse("2026-11-26T09:00").unwrap()
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
    fn edit_d1(book: &mut Book, op: DealAction) -> Result<Change, DomainError> {
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
        ];
        for (action, expected) in cases {
            assert_eq!(book.apply(action.clone(), now()), Err(expected), "{action:?}");
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
        for (n, text) in ["a", "b", "c"].iter().enumerate() {
            let op = DealAction::AddLine {
                call: id("c1"),
                list: PlanList::Agenda,
                id: id(&format!("l{n}")),
                text: text.to_string(),
            };
            edit_d1(&mut book, op).unwrap();
        }
        edit_d1(
            &mut book,
            DealAction::MoveLine {
                call: id("c1"),
                list: PlanList::Agenda,
                id: id("l2"),
                delta: -5,
            },
        )
        .unwrap();
        edit_d1(
            &mut book,
            DealAction::EditLine {
                call: id("c1"),
                list: PlanList::Agenda,
                id: id("l0"),
                text: "A".into(),
            },
        )
        .unwrap();
        edit_d1(
            &mut book,
            DealAction::RemoveLine {
                call: id("c1"),
                list: PlanList::Agenda,
                id: id("l1"),
            },
        )
        .unwrap();
        let texts: Vec<_> = book.deals[&id("d1")].calls[0]
            .plan
            .agenda
            .iter()
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(texts, ["c", "A"]);
    }

    #[test]
    fn saving_a_review_applies_evidence_and_records_a_snapshot() {
        let mut book = book_with_deal();
        edit_d1(
            &mut book,
            DealAction::AddCall {
                id: id("c1"),
                at: "2026-11-25T10:00".into(),
                kind: CallKind::Discovery,
            },
        )
        .unwrap();
        let draft = ReviewDraft {
            happened: "Good call".into(),
            next_step: "Demo for IT".into(),
            next_step_on: "2026-12-01".into(),
            evidence: vec![("need".into(), EvidenceLevel::Heard)],
            ..ReviewDraft::default()
        };
        edit_d1(
            &mut book,
            DealAction::SaveReview {
                call: id("c1"),
                draft,
            },
        )
        .unwrap();
        let d = &book.deals[&id("d1")];
        let review = d.calls[0].review.as_ref().unwrap();
        assert!(review.has_dated_next_step());
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
        book.apply(
            Action::Template(TemplateAction::RemoveItem {
                template: id("default"),
                item: id("ag"),
            }),
            now(),
        )
        .unwrap();
        let t = book.template(&id("default")).unwrap();
        assert_eq!(
            t.item(&id("ag")).unwrap().text,
            "Agenda confirmed with the client"
        );
        assert_eq!(t.active().count(), 9);
        book.apply(Action::Template(TemplateAction::ResetDefault), now())
            .unwrap();
        assert_eq!(book.template(&id("default")).unwrap().active().count(), 10);
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
        edit_d1(&mut book, DealAction::RemovePerson(id("p1"))).unwrap();
        assert!(book.deals[&id("d1")].calls[0].attendees.is_empty());
    }
}
