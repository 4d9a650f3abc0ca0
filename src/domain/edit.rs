//! How each action changes a deal or the templates. Called by [`super::book::Book::apply`] on a
//! copy, so a refused edit leaves everything untouched.

use super::action::{DealAction, PersonField, TemplateAction};
use super::call::{EvidenceChange, ListItem, PlanList};
use super::order;
use super::proof::Proof;
use super::template::DEFAULT_TEMPLATE_ID;
use super::Refusal;
use super::{
    clean_name, limit, score, typed_name, Call, Day, Deal, DomainError, Id, Minutes, Review, Stakeholder,
    Template, TemplateItem, LINE_MAX, NAME_MAX, NOTE_MAX, VALUE_MAX,
};

fn unknown(id: &Id) -> Refusal {
    DomainError::UnknownItem(id.as_str().to_owned()).into()
}

fn optional_day(text: &str) -> Result<Option<Day>, Refusal> {
    let text = text.trim();
    if text.is_empty() {
        Ok(None)
    } else {
        Day::parse(text).map(Some)
    }
}

fn call_mut<'a>(deal: &'a mut Deal, id: &Id) -> Result<&'a mut Call, Refusal> {
    deal.call_mut(id).ok_or_else(|| unknown(id))
}

fn person_mut<'a>(deal: &'a mut Deal, id: &Id) -> Result<&'a mut Stakeholder, Refusal> {
    deal.people
        .iter_mut()
        .find(|p| &p.id == id)
        .ok_or_else(|| unknown(id))
}

/// Moves the element with `id` by `delta` places within `items`.
fn shift<T>(items: &mut Vec<T>, id: &Id, delta: i32, id_of: impl Fn(&T) -> &Id) -> Result<(), Refusal> {
    let from = items
        .iter()
        .position(|i| id_of(i) == id)
        .ok_or_else(|| unknown(id))?;
    let to = (from as i64 + i64::from(delta)).clamp(0, items.len() as i64 - 1) as usize;
    let item = items.remove(from);
    items.insert(to, item);
    Ok(())
}

/// `item` in `list` once when `on`, else not at all.
fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T, on: bool) {
    list.retain(|x| *x != item);
    if on {
        list.push(item);
    }
}

fn ensure_new<T>(items: &[T], id: &Id, id_of: impl Fn(&T) -> &Id) -> Result<(), Refusal> {
    if items.iter().any(|i| id_of(i) == id) {
        Err(DomainError::DuplicateId(id.as_str().to_owned()).into())
    } else {
        Ok(())
    }
}

pub(super) fn edit(
    deal: &mut Deal,
    op: DealAction,
    template: &Template,
    now: Minutes,
) -> Result<(), Refusal> {
    use DealAction as A;
    match op {
        A::AddPerson { .. }
        | A::EditPerson { .. }
        | A::SetLastContact { .. }
        | A::SetRole { .. }
        | A::SetEngaged { .. }
        | A::RemovePerson(_)
        | A::RestorePerson { .. } => people(deal, op),
        A::AddCall { .. }
        | A::SetCallTime { .. }
        | A::SetCallKind { .. }
        | A::SetAttendee { .. }
        | A::RemoveCall(_)
        | A::SetObjective { .. }
        | A::SetAsk { .. }
        | A::EditList { .. }
        | A::SetChecked { .. }
        | A::Tick { .. }
        | A::Answer { .. } => calls(deal, op),
        A::SetReviewDraft { .. } | A::SaveReview { .. } => review(deal, op, template, now),
        A::RemoveSample => {
            deal.sample = false;
            Ok(())
        }
        // Closing records the score at close, for Insights.
        A::SetOutcome(outcome) => {
            if deal.outcome == super::Outcome::Open && outcome != super::Outcome::Open {
                let value = score(deal, template, now).total;
                deal.snapshots.push((now, value));
            }
            deal.outcome = outcome;
            Ok(())
        }
        _ => facts(deal, op, now),
    }
}

/// The deal's own facts: names, value, dates, outcome, stage, evidence, preset, template.
fn facts(deal: &mut Deal, op: DealAction, now: Minutes) -> Result<(), Refusal> {
    use DealAction as A;
    match op {
        A::Rename(name) => deal.name = typed_name(&name)?,
        A::SetClient(client) => deal.client = limit(client.trim_start(), "client", NAME_MAX)?,
        A::SetValue(value) => deal.value = limit(value.trim_start(), "value", VALUE_MAX)?,
        A::SetTarget(text) => deal.target = optional_day(&text)?,
        A::SetArchived(archived) => deal.archived = archived,
        A::MoveStage(stage) => {
            deal.move_to(stage, now);
        }
        A::SetEvidence { key, level } => {
            let before = deal.recorded_level(&key);
            if before != level {
                deal.set_evidence(&key, level, None);
            }
        }
        A::SetEvidenceNote { key, note } => {
            let note = limit(&note, "note", NOTE_MAX)?;
            let level = deal.recorded_level(&key);
            deal.set_evidence(&key, level, Some(note));
        }
        A::SwitchPreset(preset) => deal.switch_preset(preset),
        A::SetTemplate(id) => deal.template = id,
        // Everything else is dispatched by `edit` to its own function.
        _ => {}
    }
    Ok(())
}

/// The stakeholders.
fn people(deal: &mut Deal, op: DealAction) -> Result<(), Refusal> {
    use DealAction as A;
    match op {
        A::AddPerson { id, name } => {
            ensure_new(&deal.people, &id, |p| &p.id)?;
            deal.people.push(Stakeholder::new(id, clean_name(&name)?));
        }
        // On a copy of the deal (see `Book::apply`): a refused text changes nothing.
        A::EditPerson { id, field, text } => {
            let p = person_mut(deal, &id)?;
            match field {
                PersonField::Name => p.name = typed_name(&text)?,
                PersonField::Title => p.title = limit(text.trim_start(), "title", NAME_MAX)?,
                PersonField::Notes => p.notes = limit(&text, "notes", NOTE_MAX)?,
            }
        }
        A::SetLastContact { id, day } => {
            let day = optional_day(&day)?;
            person_mut(deal, &id)?.last_contact = day;
        }
        A::SetRole { id, role, on } => {
            let p = person_mut(deal, &id)?;
            toggle(&mut p.roles, role, on);
            order::sort_by(&mut p.roles, &|a, b| a.cmp(b));
        }
        A::SetEngaged { id, engaged } => person_mut(deal, &id)?.engaged = engaged,
        A::RemovePerson(id) => {
            person_mut(deal, &id)?;
            deal.people.retain(|p| p.id != id);
            for call in &mut deal.calls {
                toggle(&mut call.attendees, id.clone(), false);
            }
        }
        A::RestorePerson { person, at, calls } => {
            ensure_new(&deal.people, &person.id, |p| &p.id)?;
            for call in deal.calls.iter_mut().filter(|c| calls.contains(&c.id)) {
                call.attendees.push(person.id.clone());
            }
            deal.people.insert(at.min(deal.people.len()), *person);
        }
        _ => {}
    }
    // A role named in People can meet a skipped step (one fact, entered once).
    deal.settle_jumps();
    Ok(())
}

/// The calls and their plans.
fn calls(deal: &mut Deal, op: DealAction) -> Result<(), Refusal> {
    use DealAction as A;
    match op {
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
            toggle(&mut call_mut(deal, &call)?.attendees, person, on);
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
        A::EditList { call, list, edit } => call_mut(deal, &call)?.plan.edit_list(list, edit)?,
        A::SetChecked { call, item, checked } => {
            toggle(&mut call_mut(deal, &call)?.plan.checked, item, checked);
        }
        A::Tick {
            call,
            list,
            item,
            done,
        } => line_mut(deal, &call, list, &item)?.done = done,
        A::Answer {
            call,
            list,
            item,
            text,
        } => {
            let text = limit(&text, "answer", LINE_MAX)?;
            line_mut(deal, &call, list, &item)?.note = text;
        }
        _ => {}
    }
    Ok(())
}

/// The review of a call: the draft while it is written, then the saved review, which applies
/// its evidence updates and records a score snapshot.
fn review(deal: &mut Deal, op: DealAction, template: &Template, now: Minutes) -> Result<(), Refusal> {
    use DealAction as A;
    match op {
        A::SetReviewDraft { call, draft } => {
            let long = [
                &draft.happened,
                &draft.cues,
                &draft.we_promised,
                &draft.they_promised,
                &draft.how[0],
                &draft.how[1],
                &draft.how[2],
                &draft.how[3],
            ];
            for text in long {
                limit(text, "review", NOTE_MAX)?;
            }
            limit(&draft.next_step, "next step", LINE_MAX)?;
            call_mut(deal, &call)?.draft = Some(*draft);
        }
        A::SaveReview { call, draft } => {
            let draft = *draft;
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
                we_promised: promises(&draft.we_promised)?,
                they_promised: promises(&draft.they_promised)?,
            };
            let saved = call_mut(deal, &call)?;
            saved.review = Some(review);
            saved.draft = None;
            let value = score(deal, template, now).total;
            deal.snapshots.push((now, value));
        }
        _ => {}
    }
    Ok(())
}

fn line_mut<'a>(
    deal: &'a mut Deal,
    call: &Id,
    list: PlanList,
    item: &Id,
) -> Result<&'a mut ListItem, Refusal> {
    call_mut(deal, call)?
        .plan
        .line_mut(list, item)
        .ok_or_else(|| unknown(item))
}

/// The lines of a promises box: trimmed, blank ones dropped, each a plan-list line at most.
fn promises(text: &str) -> Result<Vec<String>, Refusal> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| limit(l, "promise", LINE_MAX))
        .collect()
}

fn template_mut<'a>(templates: &'a mut [Template], id: &Id) -> Result<&'a mut Template, Refusal> {
    templates
        .iter_mut()
        .find(|t| &t.id == id)
        .ok_or_else(|| unknown(id))
}

fn item_mut<'a>(template: &'a mut Template, id: &Id) -> Result<&'a mut TemplateItem, Refusal> {
    template
        .items
        .iter_mut()
        .find(|i| &i.id == id)
        .ok_or_else(|| unknown(id))
}

pub(super) fn edit_templates(templates: &mut Vec<Template>, op: &TemplateAction) -> Result<(), Refusal> {
    use TemplateAction as T;
    match op {
        T::Add { id, name } => {
            ensure_new(templates, id, |t| &t.id)?;
            templates.push(Template {
                id: id.clone(),
                name: clean_name(name)?,
                items: Vec::new(),
            });
        }
        T::Duplicate { from, id } => {
            ensure_new(templates, id, |t| &t.id)?;
            let mut copy = template_mut(templates, from)?.clone();
            copy.id = id.clone();
            copy.name = format!("{} (copy)", copy.name);
            copy.items.retain(|i| !i.retired);
            templates.push(copy);
        }
        T::Rename { id, name } => template_mut(templates, id)?.name = typed_name(name)?,
        T::Delete(id) => {
            if id.as_str() == DEFAULT_TEMPLATE_ID {
                return Err(DomainError::DefaultTemplate.into());
            }
            template_mut(templates, id)?;
            templates.retain(|t| &t.id != id);
        }
        T::AddItem { template, id, text } => {
            let text = clean_name(text)?;
            let t = template_mut(templates, template)?;
            ensure_new(&t.items, id, |i| &i.id)?;
            t.items.push(TemplateItem {
                id: id.clone(),
                text,
                hint: String::new(),
                weight: 1,
                retired: false,
                proof: Proof::Hand,
            });
        }
        T::EditItem {
            template,
            item,
            hint,
            text,
        } => {
            let i = item_mut(template_mut(templates, template)?, item)?;
            match hint {
                true => i.hint = limit(text.trim_start(), "hint", LINE_MAX)?,
                false => i.text = typed_name(text)?,
            }
        }
        T::SetWeight {
            template,
            item,
            weight,
        } => {
            if !(1..=3).contains(weight) {
                return Err(DomainError::BadWeight.into());
            }
            item_mut(template_mut(templates, template)?, item)?.weight = *weight;
        }
        T::SetProof {
            template,
            item,
            proof,
        } => {
            if let Proof::Rule(rule) = proof {
                if rule.count().is_some_and(|n| !(1..=20).contains(&n)) {
                    return Err(DomainError::BadCount.into());
                }
            }
            item_mut(template_mut(templates, template)?, item)?.proof = *proof;
        }
        T::MoveItem {
            template,
            item,
            delta,
        } => shift(&mut template_mut(templates, template)?.items, item, *delta, |i| {
            &i.id
        })?,
        T::Retire {
            template,
            item,
            retired,
        } => item_mut(template_mut(templates, template)?, item)?.retired = *retired,
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
        T::Insert(t) => {
            if !templates.iter().any(|x| x.id == t.id) {
                templates.push(t.clone());
            }
        }
    }
    Ok(())
}
