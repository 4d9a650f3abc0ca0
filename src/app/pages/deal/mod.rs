//! The deal view: roadmap stepper with the wrong-turn dialog, process score, forecast,
//! stakeholders, qualification grid, calls, outcome and archive.

use yew::prelude::*;

use crate::app::parts::bind;
use crate::app::parts::event_value;

use crate::app::ctx::Ctx;
use crate::app::parts::score_gauge::ScoreGauge;
use crate::app::platform::new_id;
use crate::app::platform::now;
use crate::app::route::Route;
use crate::domain::score::Target;
use crate::domain::{
    forecast, score, CallKind, DealAction, EvidenceLevel, Id, Outcome, Preset, Role, SkippedStep, Stage,
};

#[derive(Properties, PartialEq)]
pub struct DealPageProps {
    pub id: Id,
}

#[component]
pub fn DealPage(props: &DealPageProps) -> Html {
    let ctx = use_context::<Ctx>().expect("DealPage is rendered inside the app");
    let pending_move = use_state(|| None::<(Stage, Vec<SkippedStep>)>);
    // Focus moves into the wrong-turn dialog when it opens, and back to the roadmap when it closes.
    let dialog_seen = use_mut_ref(|| false);
    use_effect_with(pending_move.is_some(), move |open| {
        if *open {
            *dialog_seen.borrow_mut() = true;
            crate::app::platform::focus_later(".dp-dialog button");
        } else if *dialog_seen.borrow() {
            crate::app::platform::focus_later(".dp-stepper button:not([disabled])");
        }
    });
    let new_person = use_state(String::new);
    let new_call_at = use_state(String::new);
    let new_call_kind = use_state(CallKind::default);
    let Some(deal) = ctx.state.book.deals.get(&props.id) else {
        if ctx.is_kept_aside(&props.id) {
            return crate::app::parts::dead_end("This deal can't be opened", "Its saved record is unreadable or was written by a newer version of Deal Prep. It is kept aside untouched.", "#/data", "Download or discard it under Data");
        }
        return crate::app::parts::dead_end("Deal not found", "This deal is not stored in this browser (it may have been deleted, or saved under another namespace).", "#/", "Back to your deals");
    };
    let id = deal.id.clone();
    let template = ctx.state.book.template_for(deal);
    let now = now();
    let process = score(deal, template, now);
    let weather = forecast(deal, template, now);
    let edit = {
        let (ctx, id) = (ctx.clone(), id.clone());
        move |op: DealAction| ctx.edit(&id, op, false)
    };
    // Typing: shown at once, written after a short pause and when the page hides.
    let type_in = {
        let (ctx, id) = (ctx.clone(), id.clone());
        move |op: DealAction| ctx.edit(&id, op, true)
    };

    let href_of = {
        let id = id.clone();
        Callback::from(move |t: Target| match t {
            Target::Checklist(c) | Target::Review(c) => Route::Call(id.clone(), c).href(),
            Target::PlanCall => format!("{}#calls", Route::Deal(id.clone()).href()),
            Target::Qualification(_) => format!("{}#qualification", Route::Deal(id.clone()).href()),
            Target::People => format!("{}#people", Route::Deal(id.clone()).href()),
        })
    };

    let ask_move = {
        let (pending_move, edit) = (pending_move.clone(), edit.clone());
        let deal = deal.clone();
        move |to: Stage| {
            let skipped = deal.unmet_criteria(to);
            if skipped.is_empty() {
                edit(DealAction::MoveStage(to));
            } else {
                pending_move.set(Some((to, skipped)));
            }
        }
    };
    let confirm_move = {
        let (pending_move, edit) = (pending_move.clone(), edit.clone());
        Callback::from(move |_| {
            if let Some((to, _)) = &*pending_move {
                edit(DealAction::MoveStage(*to));
            }
            pending_move.set(None);
        })
    };
    let cancel_move = {
        let pending_move = pending_move.clone();
        Callback::from(move |_| pending_move.set(None))
    };
    let on_dialog_key = {
        let pending_move = pending_move.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                pending_move.set(None);
            }
        })
    };

    let add_person = {
        let (new_person, edit) = (new_person.clone(), edit.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !new_person.trim().is_empty() {
                edit(DealAction::AddPerson {
                    id: new_id('p'),
                    name: (*new_person).clone(),
                });
                new_person.set(String::new());
            }
        })
    };
    let add_call = {
        let (new_call_at, new_call_kind, edit) = (new_call_at.clone(), new_call_kind.clone(), edit.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            edit(DealAction::AddCall {
                id: new_id('c'),
                at: (*new_call_at).clone(),
                kind: *new_call_kind,
            });
        })
    };

    html! {
        <article class="dp-deal" aria-labelledby="dp-deal-title">
            <nav class="dp-crumbs" aria-label="Breadcrumb"><a href="#/">{ "Deals" }</a></nav>
            <header class="dp-deal__header">
                <h1 id="dp-deal-title" class="dp-title">
                    <span class="dp-deal__client">{ deal.client.clone() }</span>
                    <span class="dp-deal__name">{ deal.name.clone() }</span>
                </h1>
                if deal.sample {
                    <span class="dp-tag">{ "Sample" }</span>
                }
                if !deal.jumped.is_empty() {
                    <span class="dp-tag dp-tag--warn">{ "Jumped ahead" }</span>
                }
            </header>

            <nav class="dp-stepper" aria-label="Roadmap">
                <ol>
                    { for Stage::ALL.iter().map(|s| {
                        let skipped = deal.jumped.iter().any(|j| j.stage == *s);
                        let state = if *s == deal.stage { "current" } else if *s < deal.stage { "done" } else { "ahead" };
                        let ask_move = ask_move.clone();
                        let to = *s;
                        html! {
                            <li key={s.key()} class={classes!("dp-stepper__step", format!("dp-stepper__step--{state}"), skipped.then_some("dp-stepper__step--skipped"))}>
                                <button type="button" class="dp-stepper__button"
                                    aria-current={(*s == deal.stage).then_some("step")}
                                    disabled={*s == deal.stage}
                                    onclick={move |_| ask_move(to)}>
                                    { s.label() }
                                    if skipped { <span class="dp-visually-hidden">{ " (steps skipped)" }</span> }
                                </button>
                            </li>
                        }
                    }) }
                </ol>
            </nav>

            if let Some((to, skipped)) = &*pending_move {
                <div class="dp-dialog" role="dialog" aria-modal="true" aria-labelledby="dp-wrong-turn-title" onkeydown={on_dialog_key}>
                    <h2 id="dp-wrong-turn-title" class="dp-subtitle">{ format!("Wrong turn? Moving to {} skips:", to.label()) }</h2>
                    <ul class="dp-dialog__list">
                        { for skipped.iter().map(|s| html! { <li key={format!("{}-{}", s.stage.key(), s.key)}>{ s.describe(deal.preset) }</li> }) }
                    </ul>
                    <p>{ "You can move anyway; the deal keeps a “jumped ahead” mark until these are known." }</p>
                    <div class="dp-dialog__buttons">
                        <button type="button" class="dp-button" onclick={cancel_move} autofocus=true>{ "Stay" }</button>
                        <button type="button" class="dp-button dp-button--primary" onclick={confirm_move}>{ "Move anyway" }</button>
                    </div>
                </div>
            }

            <details class="dp-section dp-deal__details">
                <summary>{ "Deal details" }</summary>
                <div class="dp-deal__facts">
                    <label class="dp-field">
                        <span class="dp-field__label">{ "Client" }</span>
                        <input class="dp-input" name="deal-client" value={deal.client.clone()} maxlength="200"
                            oninput={{ let (type_in, name) = (type_in.clone(), deal.name.clone()); move |e: InputEvent| type_in(DealAction::Rename { client: event_value(&e), name: name.clone() }) }} />
                    </label>
                    <label class="dp-field">
                        <span class="dp-field__label">{ "Deal name" }</span>
                        <input class="dp-input" name="deal-title" value={deal.name.clone()} maxlength="200" required=true
                            oninput={{ let (type_in, client) = (type_in.clone(), deal.client.clone()); move |e: InputEvent| type_in(DealAction::Rename { client: client.clone(), name: event_value(&e) }) }} />
                    </label>
                    <label class="dp-field">
                        <span class="dp-field__label">{ "Value (any currency)" }</span>
                        <input class="dp-input" name="deal-value" value={deal.value.clone()} maxlength="60"
                            oninput={{ let type_in = type_in.clone(); move |e: InputEvent| type_in(DealAction::SetValue(event_value(&e))) }} />
                    </label>
                    <label class="dp-field">
                        <span class="dp-field__label">{ "Target date" }</span>
                        <input class="dp-input" type="date" name="deal-target" value={deal.target.map(|d| d.to_string()).unwrap_or_default()}
                            onchange={{ let edit = edit.clone(); move |e: Event| edit(DealAction::SetTarget(event_value(&e))) }} />
                    </label>
                    <label class="dp-field">
                        <span class="dp-field__label">{ "Checklist template" }</span>
                        <select class="dp-input" onchange={{ let edit = edit.clone(); move |e: Event| if let Ok(id) = Id::new(event_value(&e)) { edit(DealAction::SetTemplate(id)) } }}>
                            { for ctx.state.book.templates.iter().map(|t| html! { <option value={t.id.to_string()} selected={t.id == template.id}>{ t.name.clone() }</option> }) }
                        </select>
                    </label>
                </div>
                <p class="dp-muted">{ "Value and dates help you plan; they never change the process score." }</p>
            </details>

            <div class="dp-deal__grid">
                <ScoreGauge score={process} href_of={href_of} />
                <section class={classes!("dp-forecast", format!("dp-forecast--{}", weather.weather.key()))} aria-labelledby="dp-forecast-title">
                    <h2 id="dp-forecast-title" class="dp-subtitle">{ format!("Forecast: {}", weather.weather.label()) }</h2>
                    if weather.risks.is_empty() {
                        <p class="dp-muted">{ "No named risks right now." }</p>
                    }
                    <ul class="dp-risks">
                        { for weather.risks.iter().map(|r| html! {
                            <li key={format!("{:?}", r.kind)} class="dp-risk">
                                <strong>{ r.title.clone() }</strong>
                                <p>{ r.advice.clone() }</p>
                            </li>
                        }) }
                    </ul>
                </section>
            </div>

            <section id="people" class="dp-section" aria-labelledby="dp-people-title">
                <h2 id="dp-people-title" class="dp-subtitle">{ "People" }</h2>
                <ul class="dp-people">
                    { for deal.people.iter().map(|p| {
                        let pid = p.id.clone();
                        let edit = edit.clone();
                        let engaged = p.engaged;
                        html! {
                            <li key={p.id.to_string()} class="dp-person">
                                <span class="dp-person__name">{ p.name.clone() }</span>
                                <label class="dp-check">
                                    <input type="checkbox" checked={engaged}
                                        onchange={{ let (pid, edit) = (pid.clone(), edit.clone()); move |_| edit(DealAction::SetEngaged { id: pid.clone(), engaged: !engaged }) }} />
                                    { "Engaged" }
                                </label>
                                <button type="button" class="dp-button dp-button--icon" aria-label={format!("Remove {}", p.name)}
                                    onclick={{ let (pid, edit) = (pid.clone(), edit.clone()); move |_| edit(DealAction::RemovePerson(pid.clone())) }}>{ "✕" }</button>
                                <div class="dp-person__fields">
                                    <label class="dp-field">
                                        <span class="dp-field__label">{ "Title" }</span>
                                        <input class="dp-input" name="person-title" value={p.title.clone()} maxlength="200"
                                            oninput={{ let (pid, type_in, name, notes) = (pid.clone(), type_in.clone(), p.name.clone(), p.notes.clone());
                                                move |e: InputEvent| type_in(DealAction::EditPerson { id: pid.clone(), name: name.clone(), title: event_value(&e), notes: notes.clone() }) }} />
                                    </label>
                                    <label class="dp-field">
                                        <span class="dp-field__label">{ "Last contact" }</span>
                                        <input class="dp-input" type="date" value={p.last_contact.map(|d| d.to_string()).unwrap_or_default()}
                                            onchange={{ let (pid, edit) = (pid.clone(), edit.clone()); move |e: Event| edit(DealAction::SetLastContact { id: pid.clone(), day: event_value(&e) }) }} />
                                    </label>
                                    <label class="dp-field dp-field--grow">
                                        <span class="dp-field__label">{ "Notes" }</span>
                                        <input class="dp-input" name="person-notes" value={p.notes.clone()} maxlength="10000"
                                            oninput={{ let (pid, type_in, name, title) = (pid.clone(), type_in.clone(), p.name.clone(), p.title.clone());
                                                move |e: InputEvent| type_in(DealAction::EditPerson { id: pid.clone(), name: name.clone(), title: title.clone(), notes: event_value(&e) }) }} />
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
                                                    onchange={move |_| edit(DealAction::SetRole { id: pid.clone(), role, on: !on })} />
                                                { r.short() }
                                            </label>
                                        }
                                    }) }
                                </fieldset>
                            </li>
                        }
                    }) }
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

            <section id="qualification" class="dp-section" aria-labelledby="dp-qual-title">
                <h2 id="dp-qual-title" class="dp-subtitle">{ "Qualification" }</h2>
                <label class="dp-field dp-field--inline">
                    <span class="dp-field__label">{ "Preset" }</span>
                    <select class="dp-input" onchange={{ let edit = edit.clone(); move |e: Event| {
                        if let Some(p) = Preset::from_key(&event_value(&e)) { edit(DealAction::SwitchPreset(p)) }
                    } }}>
                        { for Preset::ALL.iter().map(|p| html! { <option value={p.key()} selected={deal.preset == *p}>{ p.label() }</option> }) }
                    </select>
                </label>
                <table class="dp-qual">
                    <thead><tr><th scope="col">{ "Element" }</th><th scope="col">{ "Evidence" }</th><th scope="col">{ "Note" }</th><th scope="col">{ "Needed before leaving" }</th></tr></thead>
                    <tbody>
                        { for deal.preset.elements().iter().map(|el| {
                            let level = deal.level(el.key);
                            let key = el.key.to_owned();
                            let note = deal.evidence(el.key).map(|e| e.note.clone()).unwrap_or_default();
                            let on_note = { let (type_in, key) = (type_in.clone(), key.clone());
                                move |e: InputEvent| type_in(DealAction::SetEvidenceNote { key: key.clone(), note: event_value(&e) }) };
                            let edit = edit.clone();
                            html! {
                                <tr key={el.key}>
                                    <th scope="row">{ el.label }<span class="dp-muted dp-qual__question">{ el.question }</span></th>
                                    <td>
                                        <select class="dp-input" aria-label={format!("Evidence for {}", el.label)}
                                            onchange={move |e: Event| if let Some(l) = EvidenceLevel::from_key(&event_value(&e)) {
                                                edit(DealAction::SetEvidence { key: key.clone(), level: l })
                                            }}>
                                            { for EvidenceLevel::ALL.iter().map(|l| html! { <option value={l.key()} selected={level == *l}>{ l.label() }</option> }) }
                                        </select>
                                    </td>
                                    <td><input class="dp-input" aria-label={format!("Note for {}", el.label)} name={format!("note-{}", el.key)} value={note} maxlength="10000" oninput={on_note} /></td>
                                    <td>{ el.exit_of.label() }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </section>

            <section id="calls" class="dp-section" aria-labelledby="dp-calls-title">
                <h2 id="dp-calls-title" class="dp-subtitle">{ "Calls" }</h2>
                if deal.calls.is_empty() {
                    <p class="dp-muted">{ "No calls yet. Plan the next one below: preparation is 40 of the 100 points." }</p>
                }
                { for [("Planned", false), ("Past", true)].into_iter().map(|(title, past)| {
                    let calls: Vec<_> = deal.calls.iter().filter(|c| c.is_past(now) == past).collect();
                    if calls.is_empty() {
                        return html! {};
                    }
                    html! {
                        <>
                            <h3 class="dp-subtitle dp-subtitle--small">{ title }</h3>
                            <ul class="dp-calls">
                                { for calls.into_iter().map(|c| {
                                    let (done, total) = c.plan.progress(template);
                                    let status = match (&c.review, past) {
                                        (Some(_), _) => "reviewed".to_owned(),
                                        (None, true) => "not reviewed yet".to_owned(),
                                        (None, false) => format!("{done} of {total} ready"),
                                    };
                                    html! {
                                        <li key={c.id.to_string()} class="dp-call-row">
                                            <a href={Route::Call(id.clone(), c.id.clone()).href()}>
                                                { format!("{} · {}", c.at.human(), c.kind.label()) }
                                            </a>
                                            <span class="dp-muted">{ status }</span>
                                            <button type="button" class="dp-button dp-button--icon" aria-label={format!("Delete the call of {}", c.at.human())}
                                                onclick={{ let (edit, cid) = (edit.clone(), c.id.clone()); move |_| {
                                                    let sure = web_sys::window().and_then(|w| w.confirm_with_message("Delete this call and its plan?").ok()).unwrap_or(false);
                                                    if sure { edit(DealAction::RemoveCall(cid.clone())) }
                                                } }}>{ "✕" }</button>
                                        </li>
                                    }
                                }) }
                            </ul>
                        </>
                    }
                }) }
                <form class="dp-inline-form" onsubmit={add_call}>
                    <label class="dp-field">
                        <span class="dp-field__label">{ "Call date and time" }</span>
                        <input class="dp-input" type="datetime-local" name="at" required=true value={(*new_call_at).clone()}
                            oninput={bind(&new_call_at)} />
                    </label>
                    <label class="dp-field">
                        <span class="dp-field__label">{ "Kind" }</span>
                        <select class="dp-input" name="kind" onchange={{ let s = new_call_kind.clone(); move |e: Event| {
                            if let Some(k) = CallKind::from_key(&event_value(&e)) { s.set(k) }
                        } }}>
                            { for CallKind::ALL.iter().map(|k| html! { <option value={k.key()} selected={*new_call_kind == *k}>{ k.label() }</option> }) }
                        </select>
                    </label>
                    <button type="submit" class="dp-button">{ "Plan a call" }</button>
                </form>
            </section>

            <section class="dp-section" aria-labelledby="dp-outcome-title">
                <h2 id="dp-outcome-title" class="dp-subtitle">{ "Outcome" }</h2>
                <label class="dp-field dp-field--inline">
                    <span class="dp-field__label">{ "Outcome" }</span>
                    <select class="dp-input" onchange={{ let edit = edit.clone(); move |e: Event| {
                        if let Some(o) = Outcome::from_key(&event_value(&e)) { edit(DealAction::SetOutcome(o)) }
                    } }}>
                        { for Outcome::ALL.iter().map(|o| html! { <option value={o.key()} selected={deal.outcome == *o}>{ o.label() }</option> }) }
                    </select>
                </label>
                <p class="dp-muted">{ "The outcome never changes the process score." }</p>
                <div class="dp-row">
                    <button type="button" class="dp-button"
                        onclick={{ let (ctx, deal) = (ctx.clone(), deal.clone()); move |_| ctx.export_deal(&deal, None) }}>
                        { "Export this deal" }
                    </button>
                    <button type="button" class="dp-button"
                        onclick={{ let edit = edit.clone(); let archived = deal.archived; move |_| edit(DealAction::SetArchived(!archived)) }}>
                        { if deal.archived { "Unarchive" } else { "Archive" } }
                    </button>
                    <button type="button" class="dp-button dp-button--danger"
                        onclick={{ let (ctx, deal) = (ctx.clone(), deal.clone()); move |_| {
                            ctx.delete_deal(&deal);
                            if let Some(w) = web_sys::window() { let _ = w.location().set_hash("#/"); }
                        } }}>
                        { if deal.sample { "Remove sample deal" } else { "Delete deal" } }
                    </button>
                </div>
            </section>
        </article>
    }
}
