//! The call page: the plan (objective, ask, attendees, agenda, questions, cares → how,
//! objections → responses), the pre-call checklist with progress, the one-page print brief,
//! "Copy as Markdown" (with a fallback when the clipboard is refused), and the review.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::parts::event_value;

use crate::app::ctx::Ctx;
use crate::app::parts::list_editor::{ListEdit, ListEditor};
use crate::app::parts::review_form::ReviewForm;
use crate::app::platform;
use crate::app::platform::new_id;
use crate::app::platform::now;
use crate::app::route::Route;
use crate::domain::call::{PairList, PlanList};
use crate::domain::{brief, Call, Deal, DealAction, Id, ListItem, Pair, Template};

#[derive(Properties, PartialEq)]
pub struct CallPageProps {
    pub deal: Id,
    pub call: Id,
}

/// The one-page brief the print stylesheet shows instead of the editors (inputs do not wrap
/// on paper). Same content as the Markdown copy.
fn print_brief(deal: &Deal, call: &Call, template: &Template) -> Html {
    let plan = &call.plan;
    let section = |title: &'static str, items: Vec<String>| -> Html {
        if items.is_empty() {
            return html! {};
        }
        html! {
            <section class="dp-print-brief__section">
                <h2>{ title }</h2>
                <ul>{ for items.into_iter().enumerate().map(|(n, t)| html! { <li key={n}>{ t }</li> }) }</ul>
            </section>
        }
    };
    let lines = |items: &[ListItem]| items.iter().map(|i| i.text.clone()).collect::<Vec<_>>();
    let pairs = |items: &[Pair]| {
        items
            .iter()
            .map(|p| format!("{} → {}", p.left, p.right))
            .collect::<Vec<_>>()
    };
    let attendees: Vec<String> = call
        .attendees
        .iter()
        .filter_map(|id| deal.person(id))
        .map(|p| p.with_roles())
        .collect();
    let (done, total) = plan.progress(template);
    let checklist: Vec<String> = template
        .active()
        .map(|i| format!("{} {}", if plan.is_checked(&i.id) { "☑" } else { "☐" }, i.text))
        .collect();
    html! {
        <div class="dp-print-brief" aria-hidden="true">
            <p class="dp-print-brief__meta">{ format!("Stage: {}", deal.stage.label()) }</p>
            { section("Objective", [plan.objective.clone()].into_iter().filter(|t| !t.trim().is_empty()).collect()) }
            { section("Next step to ask for", [plan.ask.clone()].into_iter().filter(|t| !t.trim().is_empty()).collect()) }
            { section("Attendees", attendees) }
            { section("Agenda", lines(&plan.agenda)) }
            { section("Discovery questions", lines(&plan.discovery)) }
            { section("Pain questions", lines(&plan.pain)) }
            { section("What they care about → how we meet it", pairs(&plan.cares)) }
            { section("Objections → responses", pairs(&plan.objections)) }
            <section class="dp-print-brief__section">
                <h2>{ format!("Checklist ({done} of {total} ready)") }</h2>
                <ul>{ for checklist.into_iter().enumerate().map(|(n, t)| html! { <li key={n}>{ t }</li> }) }</ul>
            </section>
        </div>
    }
}

#[component]
pub fn CallPage(props: &CallPageProps) -> Html {
    let ctx = use_context::<Ctx>().expect("CallPage is rendered inside the app");
    let fallback = use_state(|| None::<String>);
    let copied = use_state(|| false);
    let review_open = use_state(|| false);
    let Some((deal, call)) = ctx
        .state
        .book
        .deals
        .get(&props.deal)
        .and_then(|d| Some((d, d.call(&props.call)?)))
    else {
        return crate::app::parts::dead_end(
            "Call not found",
            "This call is not stored in this browser.",
            "#/",
            "Back to your deals",
        );
    };
    let template = ctx.state.book.template_for(deal);
    let (done, total) = call.plan.progress(template);
    let process = crate::domain::score(deal, template, now()).total;
    let edit = {
        let (ctx, id) = (ctx.clone(), deal.id.clone());
        move |op: DealAction| ctx.edit(&id, op, false)
    };
    let type_in = {
        let (ctx, id) = (ctx.clone(), deal.id.clone());
        move |op: DealAction| ctx.edit(&id, op, true)
    };
    let call_id = call.id.clone();
    let text_field =
        |label: &'static str, name: &'static str, value: &str, make: fn(Id, String) -> DealAction| {
            let (type_in, call_id) = (type_in.clone(), call_id.clone());
            html! {
                <label class="dp-field">
                    <span class="dp-field__label">{ label }</span>
                    <textarea class="dp-input dp-input--area" {name} rows="2" value={value.to_owned()}
                        oninput={move |e: InputEvent| type_in(make(call_id.clone(), event_value(&e)))} />
                </label>
            }
        };
    // List edits: changing a line's text is typing; adding, moving and removing are steps.
    let edit_as = {
        let (ctx, id) = (ctx.clone(), deal.id.clone());
        move |op: DealAction, typing: bool| ctx.edit(&id, op, typing)
    };
    let list_edit = |list: PlanList| {
        let (edit_as, call) = (edit_as.clone(), call_id.clone());
        Callback::from(move |e: ListEdit| {
            let call = call.clone();
            let typing = matches!(e, ListEdit::Edit(..));
            edit_as(
                match e {
                    ListEdit::Add(text, _) => DealAction::AddLine {
                        call,
                        list,
                        id: new_id('l'),
                        text,
                    },
                    ListEdit::Edit(id, text, _) => DealAction::EditLine { call, list, id, text },
                    ListEdit::Move(id, delta) => DealAction::MoveLine {
                        call,
                        list,
                        id,
                        delta,
                    },
                    ListEdit::Remove(id) => DealAction::RemoveLine { call, list, id },
                },
                typing,
            )
        })
    };
    let pair_edit = |list: PairList| {
        let (edit_as, call) = (edit_as.clone(), call_id.clone());
        Callback::from(move |e: ListEdit| {
            let call = call.clone();
            let typing = matches!(e, ListEdit::Edit(..));
            edit_as(
                match e {
                    ListEdit::Add(left, right) => DealAction::AddPair {
                        call,
                        list,
                        id: new_id('m'),
                        left,
                        right,
                    },
                    ListEdit::Edit(id, left, right) => DealAction::EditPair {
                        call,
                        list,
                        id,
                        left,
                        right,
                    },
                    ListEdit::Move(id, delta) => DealAction::MovePair {
                        call,
                        list,
                        id,
                        delta,
                    },
                    ListEdit::Remove(id) => DealAction::RemovePair { call, list, id },
                },
                typing,
            )
        })
    };
    let markdown = brief::markdown(deal, call, template);
    let on_copy = {
        let (fallback, copied, markdown) = (fallback.clone(), copied.clone(), markdown.clone());
        Callback::from(move |_| {
            let (fallback, copied, markdown) = (fallback.clone(), copied.clone(), markdown.clone());
            yew::platform::spawn_local(async move {
                match platform::copy(&markdown).await {
                    Ok(()) => {
                        fallback.set(None);
                        copied.set(true);
                    }
                    Err(_) => fallback.set(Some(markdown)),
                }
            });
        })
    };
    let on_print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let show_review = call.is_past(now()) || call.review.is_some() || *review_open;
    let on_draft = {
        let (type_in, call) = (type_in.clone(), call_id.clone());
        Callback::from(move |draft| {
            type_in(DealAction::SetReviewDraft {
                call: call.clone(),
                draft,
            })
        })
    };
    let on_save_review = {
        let (edit, call) = (edit.clone(), call_id.clone());
        Callback::from(move |draft| {
            edit(DealAction::SaveReview {
                call: call.clone(),
                draft,
            })
        })
    };

    html! {
        <article class="dp-call" aria-labelledby="dp-call-title">
            <nav class="dp-crumbs" aria-label="Breadcrumb">
                <a href="#/">{ "Deals" }</a>{ " › " }
                <a href={Route::Deal(deal.id.clone()).href()}>{ format!("{} — {}", deal.client, deal.name) }</a>
            </nav>
            <h1 id="dp-call-title" class="dp-title">
                { format!("{} call, ", call.kind.label()) }<span class="dp-nowrap">{ call.at.human() }</span>
                <span class="dp-call__deal">{ format!("{} — {}", deal.client, deal.name) }</span>
            </h1>
            <div class="dp-row dp-call__tools">
                <button type="button" class="dp-button" onclick={on_print}>{ "Print call brief" }</button>
                <button type="button" class="dp-button" onclick={on_copy}>{ "Copy as Markdown" }</button>
                if *copied { <span class="dp-muted" role="status">{ "Copied." }</span> }
                <a class="dp-call__score" href={Route::Deal(deal.id.clone()).href()} aria-label={format!("Process score {process} of 100: see the breakdown")}>
                    { "Process score " }<strong class="dp-call__score-value">{ process }</strong>
                </a>
            </div>
            if let Some(text) = &*fallback {
                <div class="dp-fallback" role="region" aria-label="Markdown to copy">
                    <p>{ "Your browser did not allow copying. Select the text below and copy it (Ctrl+C or ⌘C)." }</p>
                    <textarea class="dp-input dp-input--area dp-fallback__text" rows="10" readonly=true value={text.clone()}
                        onfocus={|e: FocusEvent| e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().select()} />
                </div>
            }
            <div class="dp-call__grid">
                <section class="dp-section dp-checklist" aria-labelledby="dp-checklist-title">
                    <h2 id="dp-checklist-title" class="dp-subtitle">{ "Pre-call checklist" }</h2>
                    <p class="dp-checklist__progress" aria-live="polite">{ format!("{done} of {total} ready") }</p>
                    <progress class="dp-checklist__bar" max={total.to_string()} value={done.to_string()} aria-hidden="true" />
                    <ul class="dp-checklist__items">
                        { for template.active().map(|item| {
                            let checked = call.plan.is_checked(&item.id);
                            let (edit, call_id, item_id) = (edit.clone(), call_id.clone(), item.id.clone());
                            html! {
                                <li key={item.id.to_string()} class={classes!("dp-checklist__item", checked.then_some("dp-checklist__item--done"))}>
                                    <label class="dp-check">
                                        <input type="checkbox" checked={checked}
                                            onchange={move |_| edit(DealAction::SetChecked { call: call_id.clone(), item: item_id.clone(), checked: !checked })} />
                                        <span>{ item.text.clone() }</span>
                                    </label>
                                    if !item.hint.is_empty() { <span class="dp-muted dp-checklist__hint">{ item.hint.clone() }</span> }
                                </li>
                            }
                        }) }
                    </ul>
                </section>
                <section class="dp-section dp-plan" aria-label="Plan">
                    { text_field("Objective", "objective", &call.plan.objective, |call, text| DealAction::SetObjective { call, text }) }
                    { text_field("Next step to ask for", "ask", &call.plan.ask, |call, text| DealAction::SetAsk { call, text }) }
                    <fieldset class="dp-fieldset">
                        <legend>{ "Attendees" }</legend>
                        if deal.people.is_empty() {
                            <p class="dp-muted">{ "Add people on the deal page to pick attendees." }</p>
                        }
                        { for deal.people.iter().map(|p| {
                            let on = call.attendees.contains(&p.id);
                            let (edit, call_id, person) = (edit.clone(), call_id.clone(), p.id.clone());
                            let roles: Vec<&str> = p.roles.iter().map(|r| r.short()).collect();
                            html! {
                                <label key={p.id.to_string()} class="dp-check">
                                    <input type="checkbox" checked={on}
                                        onchange={move |_| edit(DealAction::SetAttendee { call: call_id.clone(), person: person.clone(), on: !on })} />
                                    { p.name.clone() }
                                    if !roles.is_empty() { <span class="dp-muted">{ format!(" ({})", roles.join(", ")) }</span> }
                                </label>
                            }
                        }) }
                    </fieldset>
                    <ListEditor title="Agenda" noun="agenda item" lines={Rc::new(call.plan.agenda.clone())} on_edit={list_edit(PlanList::Agenda)} />
                    <ListEditor title="Discovery questions" noun="discovery question" lines={Rc::new(call.plan.discovery.clone())} on_edit={list_edit(PlanList::Discovery)} />
                    <ListEditor title="Pain questions" noun="pain question" lines={Rc::new(call.plan.pain.clone())} on_edit={list_edit(PlanList::Pain)} />
                    <ListEditor title="What they care about → how we meet it" noun="care" pairs={Rc::new(call.plan.cares.clone())}
                        sides={(AttrValue::from("What they care about"), AttrValue::from("How we meet it"))} on_edit={pair_edit(PairList::Cares)} />
                    <ListEditor title="Likely objections → prepared responses" noun="objection" pairs={Rc::new(call.plan.objections.clone())}
                        sides={(AttrValue::from("Objection"), AttrValue::from("Response"))} on_edit={pair_edit(PairList::Objections)} />
                </section>
            </div>
            { print_brief(deal, call, template) }
            if show_review {
                <ReviewForm key={format!("{}-{}", call.id, call.review.is_some())} deal={deal.clone()} existing={call.review.clone()} draft={call.draft.clone()} {on_draft} on_save={on_save_review} />
                if call.review.is_some() {
                    <p class="dp-muted" role="status">{ "Review saved; a score snapshot was recorded for your trend." }</p>
                }
            } else {
                <button type="button" class="dp-button" onclick={{ let r = review_open.clone(); move |_| r.set(true) }}>{ "Review this call now" }</button>
            }
        </article>
    }
}
