//! The stakeholders: roles, engagement, title, last contact and notes (saved as typed).

use yew::prelude::*;

use super::DealUi;
use crate::app::ctx::Ctx;
use crate::app::parts::{event_value, field, rows_for, submit, submitted, typed, undo_offer};
use crate::app::platform::new_id;
use crate::domain::Deal;
use crate::domain::{DealAction, PersonField, Role, Stakeholder};

pub fn people(ctx: &Ctx, deal: &Deal, ui: &DealUi) -> Html {
    let edit = ctx.editor(&deal.id);
    let add_person = {
        let edit = edit.clone();
        Callback::from(move |e: SubmitEvent| {
            let Some((form, mut v)) = submitted(&e, &["person"]) else {
                return;
            };
            if let Some(name) = v.pop().filter(typed) {
                edit.step(DealAction::AddPerson {
                    id: new_id('p'),
                    name,
                });
                form.reset();
            }
        })
    };
    html! {
        <section id="people" class="dp-section" aria-labelledby="dp-people-title">
            <h2 id="dp-people-title" class="dp-subtitle" tabindex="-1">{ "People" }</h2>
            <ul class="dp-people">
                { for deal.people.iter().enumerate().map(|(at, p)| person_row(ctx, deal, p, at, ui)) }
            </ul>
            { undo_offer(&ui.removed, 0) }
            <form class="dp-inline-form dp-add" onsubmit={add_person}>
                { field("dp-field", "Add a person", html! { <input class="dp-input" name="person" maxlength="200" /> }) }
                { submit("dp-button", "Add person") }
            </form>
        </section>
    }
}

/// One stakeholder: name, engagement, removal, title, last contact, notes and roles.
fn person_row(ctx: &Ctx, deal: &Deal, p: &Stakeholder, at: usize, ui: &DealUi) -> Html {
    let edit = ctx.editor(&deal.id);
    let pid = p.id.clone();
    let engaged = p.engaged;
    // Removing keeps the person, their place and the calls they attended, for "Undo": read at
    // the click, not at every render of the row.
    let remove = {
        let (edit, removed, pid) = (edit.clone(), ui.removed.clone(), pid.clone());
        move |_| {
            let Some(deal) = edit.deal() else { return };
            let Some(person) = deal.person(&pid).cloned() else {
                return;
            };
            let calls: Vec<_> = deal
                .calls
                .iter()
                .filter(|c| c.attendees.contains(&pid))
                .map(|c| c.id.clone())
                .collect();
            edit.step(DealAction::RemovePerson(pid.clone()));
            let back = edit.clone();
            let text = format!("Removed {}.", person.name);
            edit.offer(
                &removed,
                (
                    0,
                    text,
                    Callback::from(move |_| {
                        back.step(DealAction::RestorePerson {
                            person: Box::new(person.clone()),
                            at,
                            calls: calls.clone(),
                        })
                    }),
                ),
            );
        }
    };
    // The name, title and notes, saved as typed; each edit touches only its own field.
    let text = |field: PersonField| {
        let (pid, edit) = (pid.clone(), edit.clone());
        move |e: InputEvent| {
            edit.typing(DealAction::EditPerson {
                id: pid.clone(),
                field,
                text: event_value(&e),
            })
        }
    };
    html! {
            <li key={p.id.as_str()} class="dp-person">
                <input class="dp-input dp-person__name" name="person-name" aria-label="Name" value={ctx.name_value(pid.as_str(), &p.name)} maxlength="200"
                    oninput={text(PersonField::Name)} />
                <label class="dp-check">
                    <input type="checkbox" checked={engaged}
                        onchange={{ let (pid, edit) = (pid.clone(), edit.clone()); move |_| edit.step(DealAction::SetEngaged { id: pid.clone(), engaged: !engaged }) }} />
                    { "Engaged" }
                </label>
                <button type="button" class="dp-button dp-button--icon" aria-label={format!("Remove {}", p.name)}
                    onclick={remove}>{ "✕" }</button>
                <div class="dp-person__fields">
                    { field("dp-field", "Title", html! {
                        <input class="dp-input" name="person-title" value={p.title.clone()} maxlength="200"
                            oninput={text(PersonField::Title)} />
                    }) }
                    { field("dp-field", "Last contact", html! {
                        <input class="dp-input" type="date" value={p.last_contact.map(|d| d.to_string()).unwrap_or_default()}
                            onchange={{ let (pid, edit) = (pid.clone(), edit.clone()); move |e: Event| edit.step(DealAction::SetLastContact { id: pid.clone(), day: event_value(&e) }) }} />
                    }) }
                    { field("dp-field dp-field--grow", "Notes", html! {
                        <textarea class="dp-input dp-grow" name="person-notes" rows={rows_for(&p.notes)} value={p.notes.clone()} maxlength="10000"
                            oninput={text(PersonField::Notes)} />
                    }) }
                </div>
                <fieldset class="dp-roles">
                    <legend class="dp-visually-hidden">{ format!("Roles of {}", p.name) }</legend>
                    { for Role::ALL.iter().map(|r| {
                        let on = p.has(*r);
                        let (pid, edit, role) = (pid.clone(), edit.clone(), *r);
                        html! {
                            <label key={r.short()} class="dp-check dp-check--small">
                                <input type="checkbox" checked={on}
                                    onchange={move |_| edit.step(DealAction::SetRole { id: pid.clone(), role, on: !on })} />
                                { r.short() }
                            </label>
                        }
                    }) }
                </fieldset>
            </li>
    }
}
