//! The deal's calls, planned and past, and the form to plan the next one.

use yew::prelude::*;

use crate::app::ctx::Ctx;
use crate::app::parts::{field, muted, submit, submitted};
use crate::app::platform::{new_id, now};
use crate::app::route::Route;
use crate::domain::Deal;
use crate::domain::{CallKind, DealAction};

pub fn calls(ctx: &Ctx, deal: &Deal) -> Html {
    let template = ctx.state.book.template_for(deal);
    let now = now();
    let id = deal.id.clone();
    let edit = ctx.editor(&deal.id);
    let add_call = {
        let edit = edit.clone();
        let (ctx, deal_id) = (ctx.clone(), deal.id.clone());
        Callback::from(move |e: SubmitEvent| {
            let Some((form, mut v)) = submitted(&e, &["at", "kind"]) else {
                return;
            };
            let call = new_id('c');
            let kind = CallKind::from_key(&v.pop().unwrap_or_default()).unwrap_or_default();
            edit.step(DealAction::AddCall {
                id: call.clone(),
                at: v.pop().unwrap_or_default(),
                kind,
            });
            // Planned (the reducer ran at once): clear the form and open the new call's plan.
            if ctx.call(&deal_id, &call).is_some() {
                form.reset();
                ctx.open(&Route::Call(deal_id.clone(), call));
            }
        })
    };
    html! {
        <section id="calls" class="dp-section" aria-labelledby="dp-calls-title">
            <h2 id="dp-calls-title" class="dp-subtitle" tabindex="-1">{ "Calls" }</h2>
            if deal.calls.is_empty() {
                { muted("No calls yet. Plan the next one below: preparation is 40 of the 100 points.") }
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
                                let (done, total) = crate::domain::proof::progress(deal, c, template);
                                let status = match (&c.review, past) {
                                    (Some(_), _) => "reviewed".to_owned(),
                                    (None, true) => "not reviewed yet".to_owned(),
                                    (None, false) => format!("{done} of {total} ready"),
                                };
                                html! {
                                    <li key={c.id.as_str()} class="dp-call-row">
                                        <a href={Route::Call(id.clone(), c.id.clone()).href()}>
                                            { format!("{} · {}", c.at.human(), c.kind.label()) }
                                        </a>
                                        <span class="dp-muted">{ status }</span>
                                        // Asked in the page, not with `confirm()`: a frame may not be allowed
                                        // dialogs, and then `confirm()` answers "no" at once.
                                        <details class="dp-confirm">
                                            <summary class="dp-button dp-button--icon" aria-label={format!("Delete the call of {}", c.at.human())}>{ "✕" }</summary>
                                            <button type="button" class="dp-button dp-button--danger"
                                                onclick={{ let (edit, cid) = (edit.clone(), c.id.clone()); move |_| edit.step(DealAction::RemoveCall(cid.clone())) }}>
                                                { "Delete call and plan" }
                                            </button>
                                        </details>
                                    </li>
                                }
                            }) }
                        </ul>
                    </>
                }
            }) }
            <form class="dp-inline-form" onsubmit={add_call}>
                { field("dp-field", "Call date and time", html! {
                    <input class="dp-input" type="datetime-local" name="at" required=true />
                }) }
                { field("dp-field", "Kind", html! {
                    <select class="dp-input" name="kind">
                        // Yew inserts the options last first: say which one starts selected.
                        { for CallKind::ALL.iter().map(|k| html! { <option value={k.key()} selected={*k == CallKind::default()}>{ k.label() }</option> }) }
                    </select>
                }) }
                { submit("dp-button", "Plan a call") }
            </form>
        </section>
    }
}
