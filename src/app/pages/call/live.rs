//! Call mode (`#/deal/<id>/call/<cid>/live`): one calm, large-type screen for during the call.
//! The objective and the ask on top, the agenda to tick, the questions to tick with a one-line
//! answer each, objections with their responses one tap away, who attends, and a timer.
//! Everything saves as it is typed; "End call" opens the review with it already written in.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::hooks::use_keyed_effect;

use crate::app::parts::{button, muted};

use crate::app::ctx::{Ctx, DealEditor};
use crate::app::platform::now;
use crate::app::route::Route;
use crate::domain::live::review_after;
use crate::domain::{DealAction, Id, ListItem, PlanList};

/// Keeps the call mode timer ("12:05") running while call mode is shown: the element's text is
/// written once a second, without rendering the app again.
#[hook]
pub fn use_call_timer(route: &Route, host: &web_sys::Element) {
    let live = matches!(route, Route::Live(..));
    let key = if live { route.href() } else { String::new() };
    let host = host.clone();
    use_keyed_effect(
        key,
        Box::new(move || {
            let running = Rc::new(Cell::new(live));
            if live {
                tick(host, js_sys::Date::now(), running.clone());
            }
            Box::new(move || running.set(false))
        }),
    );
}

/// Shows the time since `started` a second from now, and again each second while `running`
/// (through the app's one timeout, not an interval of its own).
fn tick(host: web_sys::Element, started: f64, running: Rc<Cell<bool>>) {
    crate::app::platform::later(
        1000,
        Box::new(move || {
            if !running.get() {
                return;
            }
            let seconds = ((js_sys::Date::now() - started) / 1000.0) as u64;
            if let Ok(Some(el)) = host.query_selector(".dp-live__timer") {
                el.set_text_content(Some(&format!("{}:{:02}", seconds / 60, seconds % 60)));
            }
            tick(host, started, running);
        }),
    );
}

/// The tick and, for a question, the answer of one line.
fn line(edit: &DealEditor, call: &Id, list: PlanList, item: &ListItem) -> Html {
    let on_tick = {
        let (edit, call, id, done) = (edit.clone(), call.clone(), item.id.clone(), item.done);
        move |_| {
            edit.step(DealAction::Tick {
                call: call.clone(),
                list,
                item: id.clone(),
                done: !done,
            })
        }
    };
    let on_answer = {
        let (edit, call, id) = (edit.clone(), call.clone(), item.id.clone());
        move |e: InputEvent| {
            edit.typing(DealAction::Answer {
                call: call.clone(),
                list,
                item: id.clone(),
                text: crate::app::parts::event_value(&e),
            })
        }
    };
    html! {
        <li key={item.id.as_str()} ~className={crate::app::parts::class(&["dp-live__line", crate::app::parts::when(item.done, "dp-live__line--done")])}>
            <label class="dp-check dp-live__check">
                <input type="checkbox" checked={item.done} onchange={on_tick} />
                { item.text.clone() }
            </label>
            if list != PlanList::Agenda {
                <input class="dp-input dp-live__answer" name="answer" value={item.note.clone()} maxlength="1000"
                    placeholder="Answer" aria-label={format!("Answer: {}", item.text)} oninput={on_answer} />
            }
        </li>
    }
}

/// Call mode for the call `call_id` of deal `deal_id`.
pub fn live_page(ctx: &Ctx, deal_id: &Id, call_id: &Id) -> Html {
    let Some((deal, call)) = ctx.call(deal_id, call_id) else {
        return super::not_found();
    };
    let edit = ctx.editor(&deal.id);
    let plan = &call.plan;
    // "End call": the review opens with what was asked and answered (a call ended before its
    // planned time moves to now, so it can be reviewed).
    // Looked up at the click, not cloned at every render (this page renders at each keystroke).
    let on_end = {
        let (ctx, edit, deal_id, call_id) = (ctx.clone(), edit.clone(), deal.id.clone(), call.id.clone());
        move |_| {
            let Some((deal, call)) = ctx.call(&deal_id, &call_id) else {
                return;
            };
            let now = now();
            if call.at > now {
                edit.step(DealAction::SetCallTime {
                    call: call.id.clone(),
                    at: now.to_string(),
                });
            }
            if call.review.is_none() {
                edit.step(DealAction::SetReviewDraft {
                    call: call.id.clone(),
                    draft: Box::new(review_after(
                        deal,
                        call,
                        call.draft.as_ref(),
                        &ctx.state.book.playbook,
                    )),
                });
            }
            ctx.open(&Route::Call(deal.id.clone(), call.id.clone()));
            ctx.focus_later(".dp-review textarea[name=happened]");
        }
    };
    let lines = |list: PlanList, items: &[ListItem]| -> Html {
        items
            .iter()
            .map(|i| line(&edit, &call.id, list, i))
            .collect::<Html>()
    };
    let goal = |label: &'static str, text: &str| -> Html {
        if text.trim().is_empty() {
            return html! {};
        }
        html! { <><dt>{ label }</dt><dd>{ text.to_owned() }</dd></> }
    };
    html! {
        <article class="dp-live" aria-labelledby="dp-live-title">
            <header class="dp-live__top">
                <a href={Route::Call(deal.id.clone(), call.id.clone()).href()}>{ "← Back to the plan" }</a>
                <span class="dp-live__timer" role="timer" aria-label="Time since call mode opened">{ "0:00" }</span>
                { button("dp-button dp-button--primary", "End call", Callback::from(on_end)) }
            </header>
            <h1 id="dp-live-title" class="dp-live__title">{ format!("{} call — {}", call.kind.label(), deal.client) }</h1>
            <dl class="dp-live__goal">
                { goal("Objective", &plan.objective) }
                { goal("Ask for", &plan.ask) }
            </dl>
            if !plan.agenda.is_empty() {
                <section aria-label="Agenda"><h2>{ "Agenda" }</h2><ul class="dp-live__list">{ lines(PlanList::Agenda, &plan.agenda) }</ul></section>
            }
            if !plan.discovery.is_empty() || !plan.pain.is_empty() {
                <section aria-label="Questions">
                    <h2>{ "Questions" }</h2>
                    <ul class="dp-live__list">
                        { lines(PlanList::Discovery, &plan.discovery) }
                        { lines(PlanList::Pain, &plan.pain) }
                    </ul>
                </section>
            }
            if !plan.objections.is_empty() {
                <section aria-label="Objections">
                    <h2>{ "Objections" }</h2>
                    { for plan.objections.iter().map(|o| html! {
                        <details key={o.id.as_str()} class="dp-live__objection">
                            <summary>{ o.left.clone() }</summary>
                            <p>{ if o.right.trim().is_empty() { "No response written." .to_owned() } else { o.right.clone() } }</p>
                        </details>
                    }) }
                </section>
            }
            <section aria-label="Attendees">
                <h2>{ "Attendees" }</h2>
                if call.attendees.is_empty() {
                    { muted("No attendees chosen.") }
                }
                <ul class="dp-live__people">
                    { for call.attendees.iter().filter_map(|id| deal.person(id)).map(|p| html! { <li>{ p.with_roles() }</li> }) }
                </ul>
            </section>
        </article>
    }
}
