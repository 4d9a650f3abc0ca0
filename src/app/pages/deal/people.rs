//! The stakeholders: roles, engagement, title, last contact and notes (saved as typed).

use yew::prelude::*;

use super::DealUi;
use crate::app::ctx::Ctx;
use crate::app::parts::{bind, event_value};
use crate::app::platform::new_id;
use crate::domain::Deal;
use crate::domain::{DealAction, Id, Role, Stakeholder};

pub fn people(ctx: &Ctx, deal: &Deal, ui: &DealUi) -> Html {
    let new_person = ui.new_person.clone();
    let edit = ctx.editor(&deal.id);
    let add_person = {
        let (new_person, edit) = (new_person.clone(), edit.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !new_person.trim().is_empty() {
                edit.step(DealAction::AddPerson {
                    id: new_id('p'),
                    name: (*new_person).clone(),
                });
                new_person.set(String::new());
            }
        })
    };
    html! {
        <section id="people" class="dp-section" aria-labelledby="dp-people-title">
            <h2 id="dp-people-title" class="dp-subtitle" tabindex="-1">{ "People" }</h2>
            <ul class="dp-people">
                { for deal.people.iter().map(|p| person_row(ctx, &deal.id, p)) }
            </ul>
            <form class="dp-inline-form" onsubmit={add_person}>
                <label class="dp-field">
                    <span class="dp-field__label">{ "Add a person" }</span>
                    <input class="dp-input" name="person" value={(*new_person).clone()} maxlength="200"
                        oninput={bind(&new_person)} />
                </label>
                <button type="submit" class="dp-button">{ "Add person" }</button>
            </form>
        </section>
    }
}

/// One stakeholder: name, engagement, removal, title, last contact, notes and roles.
fn person_row(ctx: &Ctx, deal: &Id, p: &Stakeholder) -> Html {
    let edit = ctx.editor(deal);
    let pid = p.id.clone();
    let engaged = p.engaged;
    html! {
            <li key={p.id.to_string()} class="dp-person">
                <span class="dp-person__name">{ p.name.clone() }</span>
                <label class="dp-check">
                    <input type="checkbox" checked={engaged}
                        onchange={{ let (pid, edit) = (pid.clone(), edit.clone()); move |_| edit.step(DealAction::SetEngaged { id: pid.clone(), engaged: !engaged }) }} />
                    { "Engaged" }
                </label>
                <button type="button" class="dp-button dp-button--icon" aria-label={format!("Remove {}", p.name)}
                    onclick={{ let (pid, edit) = (pid.clone(), edit.clone()); move |_| edit.step(DealAction::RemovePerson(pid.clone())) }}>{ "✕" }</button>
                <div class="dp-person__fields">
                    <label class="dp-field">
                        <span class="dp-field__label">{ "Title" }</span>
                        <input class="dp-input" name="person-title" value={p.title.clone()} maxlength="200"
                            oninput={{ let (pid, edit, name, notes) = (pid.clone(), edit.clone(), p.name.clone(), p.notes.clone());
                                move |e: InputEvent| edit.typing(DealAction::EditPerson { id: pid.clone(), name: name.clone(), title: event_value(&e), notes: notes.clone() }) }} />
                    </label>
                    <label class="dp-field">
                        <span class="dp-field__label">{ "Last contact" }</span>
                        <input class="dp-input" type="date" value={p.last_contact.map(|d| d.to_string()).unwrap_or_default()}
                            onchange={{ let (pid, edit) = (pid.clone(), edit.clone()); move |e: Event| edit.step(DealAction::SetLastContact { id: pid.clone(), day: event_value(&e) }) }} />
                    </label>
                    <label class="dp-field dp-field--grow">
                        <span class="dp-field__label">{ "Notes" }</span>
                        <input class="dp-input" name="person-notes" value={p.notes.clone()} maxlength="10000"
                            oninput={{ let (pid, edit, name, title) = (pid.clone(), edit.clone(), p.name.clone(), p.title.clone());
                                move |e: InputEvent| edit.typing(DealAction::EditPerson { id: pid.clone(), name: name.clone(), title: title.clone(), notes: event_value(&e) }) }} />
                    </label>
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
