//! The call plan: objective and the ask (saved as typed), attendees, and the five lists —
//! agenda, discovery and pain questions, cares → how, objections → responses.

use yew::prelude::*;

use crate::app::parts::{button, field, muted, undo_offer};

use crate::app::ctx::Ctx;
use crate::app::parts::event_value;
use crate::app::parts::list_editor::{lines, list_editor, pairs, ListEdit};
use crate::app::platform::new_id;
use crate::domain::carry::fold;
use crate::domain::playbook::{self, Kind, Row};
use crate::domain::{Call, Deal};
use crate::domain::{DealAction, Id, PlanList};

pub fn plan(ctx: &Ctx, deal: &Deal, call: &Call, rows: &[Row], ui: &super::CallUi) -> Html {
    let edit = ctx.editor(&deal.id);
    let call_id = call.id.clone();
    let ns = ctx.namespace();
    let playbook = &ctx.state.book.playbook;
    let suggest = |kind| -> Vec<String> {
        playbook::suggest(rows, kind, "", 40)
            .into_iter()
            .map(|r| r.text.trim().to_owned())
            .collect()
    };
    // The pinned questions for the deal's stage that this plan does not hold yet.
    let plan = &call.plan;
    let held: Vec<String> = plan
        .discovery
        .iter()
        .chain(&plan.pain)
        .map(|l| fold(&l.text))
        .collect();
    let pinned: Vec<(Kind, &str)> = playbook::pinned_questions(playbook, deal.stage)
        .into_iter()
        .filter(|(_, text)| !held.contains(&fold(text)))
        .collect();
    let add_pinned = {
        let (edit, call_id) = (edit.clone(), call_id.clone());
        let pinned: Vec<(Kind, String)> = pinned.iter().map(|(k, t)| (*k, t.trim().to_owned())).collect();
        move |_| {
            for (kind, list) in [
                (Kind::Discovery, PlanList::Discovery),
                (Kind::Pain, PlanList::Pain),
            ] {
                let lines: Vec<(Id, String)> = pinned
                    .iter()
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, text)| (new_id('l'), text.clone()))
                    .collect();
                if !lines.is_empty() {
                    edit.step(DealAction::EditList {
                        call: call_id.clone(),
                        list,
                        edit: ListEdit::AddLines(lines),
                    });
                }
            }
        }
    };
    let text_field = |label: &'static str,
                      name: &'static str,
                      value: &str,
                      make: fn(Id, String) -> DealAction| {
        let (edit, call_id) = (edit.clone(), call_id.clone());
        field(
            "dp-field",
            label,
            html! {
                <textarea class="dp-input dp-input--area" {name} rows="2" value={value.to_owned()} maxlength="1000"
                    oninput={move |e: InputEvent| edit.typing(make(call_id.clone(), event_value(&e)))} />
            },
        )
    };
    // Changing a line's text is typing; adding, moving and removing are steps. A removal offers
    // Undo under its list: the entry as it was, put back at its place.
    let list_edit = |list: PlanList| {
        let (edit, call, removed) = (edit.clone(), call_id.clone(), ui.removed.clone());
        Callback::from(move |e: ListEdit| {
            if let ListEdit::Remove(item) = &e {
                if let Some(gone) = edit.removal(&call, list, item) {
                    let text = format!(
                        "Deleted “{}”.",
                        if gone.left.is_empty() {
                            &gone.right
                        } else {
                            &gone.left
                        }
                    );
                    let (back, call) = (edit.clone(), call.clone());
                    edit.offer(
                        &removed,
                        (
                            list as u8,
                            text,
                            Callback::from(move |_| {
                                back.step(DealAction::EditList {
                                    call: call.clone(),
                                    list,
                                    edit: ListEdit::Add(gone.clone()),
                                })
                            }),
                        ),
                    );
                }
            }
            let typing = matches!(e, ListEdit::Edit { .. });
            let op = DealAction::EditList {
                call: call.clone(),
                list,
                edit: e,
            };
            if typing {
                edit.typing(op)
            } else {
                edit.step(op)
            }
        })
    };
    html! {
        <section class="dp-section dp-plan" aria-label="Plan">
            { text_field("Objective", "objective", &call.plan.objective, |call, text| DealAction::SetObjective { call, text }) }
            { text_field("Next step to ask for", "ask", &call.plan.ask, |call, text| DealAction::SetAsk { call, text }) }
            <fieldset class="dp-fieldset">
                <legend>{ "Attendees" }</legend>
                if deal.people.is_empty() {
                    { muted("Add people on the deal page to pick attendees.") }
                }
                { for deal.people.iter().map(|p| {
                    let on = call.attendees.contains(&p.id);
                    let (edit, call_id, person) = (edit.clone(), call_id.clone(), p.id.clone());
                    html! {
                        <label key={p.id.as_str()} class="dp-check">
                            <input type="checkbox" checked={on}
                                onchange={move |_| edit.step(DealAction::SetAttendee { call: call_id.clone(), person: person.clone(), on: !on })} />
                            { p.name.clone() }
                            if !p.roles.is_empty() { <span class="dp-muted">{ format!(" ({})", crate::domain::text::join(p.roles.iter().map(|r| r.short()), ", ")) }</span> }
                        </label>
                    }
                }) }
            </fieldset>
            { list_editor(ns, "Agenda", "agenda item", lines(&call.plan.agenda), None, Vec::new(), list_edit(PlanList::Agenda)) }
            { undo_offer(&ui.removed, PlanList::Agenda as u8) }
            if !pinned.is_empty() {
                <p class="dp-plan__pinned">
                    { button("dp-button", "Add my pinned questions for this stage", Callback::from(add_pinned)) }
                </p>
            }
            { list_editor(ns, "Discovery questions", "discovery question", lines(&call.plan.discovery), None, suggest(Kind::Discovery), list_edit(PlanList::Discovery)) }
            { undo_offer(&ui.removed, PlanList::Discovery as u8) }
            { list_editor(ns, "Pain questions", "pain question", lines(&call.plan.pain), None, suggest(Kind::Pain), list_edit(PlanList::Pain)) }
            { undo_offer(&ui.removed, PlanList::Pain as u8) }
            { list_editor(ns, "What they care about → how we meet it", "care", pairs(&call.plan.cares),
                Some(("What they care about", "How we meet it")), suggest(Kind::Cares), list_edit(PlanList::Cares)) }
            { undo_offer(&ui.removed, PlanList::Cares as u8) }
            { list_editor(ns, "Likely objections → prepared responses", "objection", pairs(&call.plan.objections),
                Some(("Objection", "Response")), suggest(Kind::Objection), list_edit(PlanList::Objections)) }
            { undo_offer(&ui.removed, PlanList::Objections as u8) }
        </section>
    }
}
