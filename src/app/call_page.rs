//! The call plan: objective, the next step to ask for, and the pre-call checklist with progress.

use yew::prelude::*;

use super::root::Ctx;
use super::route::Route;
use crate::domain::{Action, DealAction, Id};

#[derive(Properties, PartialEq)]
pub struct CallPageProps {
    pub deal: Id,
    pub call: Id,
}

#[component]
pub fn CallPage(props: &CallPageProps) -> Html {
    let ctx = use_context::<Ctx>().expect("CallPage is rendered inside the app");
    let Some((deal, call)) = ctx
        .state
        .book
        .deals
        .get(&props.deal)
        .and_then(|d| Some((d, d.call(&props.call)?)))
    else {
        return html! {
            <section class="dp-empty">
                <h1>{ "Call not found" }</h1>
                <p>{ "This call is not stored in this browser." }</p>
                <a class="dp-button dp-button--primary" href="#/">{ "Back to your deals" }</a>
            </section>
        };
    };
    let template = ctx.state.book.template_for(deal);
    let (done, total) = call.plan.progress(template);
    let edit = {
        let (ctx, id) = (ctx.clone(), deal.id.clone());
        move |op: DealAction| ctx.act(Action::Edit { deal: id.clone(), op })
    };
    let call_id = call.id.clone();
    let text_field = |label: &'static str, value: &str, make: fn(Id, String) -> DealAction| {
        let (edit, call_id) = (edit.clone(), call_id.clone());
        html! {
            <label class="dp-field">
                <span class="dp-field__label">{ label }</span>
                <textarea class="dp-input dp-input--area" rows="2" value={value.to_owned()}
                    oninput={move |e: InputEvent| edit(make(call_id.clone(), e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value()))} />
            </label>
        }
    };
    html! {
        <article class="dp-call" aria-labelledby="dp-call-title">
            <nav class="dp-crumbs" aria-label="Breadcrumb">
                <a href="#/">{ "Deals" }</a>{ " › " }
                <a href={Route::Deal(deal.id.clone()).href()}>{ format!("{} — {}", deal.client, deal.name) }</a>
            </nav>
            <h1 id="dp-call-title" class="dp-title">{ format!("{} call, {}", call.kind.label(), call.at.to_string().replace('T', " ")) }</h1>
            <section class="dp-section" aria-label="Plan">
                { text_field("Objective", &call.plan.objective, |call, text| DealAction::SetObjective { call, text }) }
                { text_field("Next step to ask for", &call.plan.ask, |call, text| DealAction::SetAsk { call, text }) }
            </section>
            <section class="dp-section dp-checklist" aria-labelledby="dp-checklist-title">
                <h2 id="dp-checklist-title" class="dp-subtitle">{ "Pre-call checklist" }</h2>
                <p class="dp-checklist__progress" aria-live="polite">{ format!("{done} of {total} ready") }</p>
                <progress class="dp-checklist__bar" max={total.to_string()} value={done.to_string()} aria-hidden="true" />
                <ul class="dp-checklist__items">
                    { for template.active().map(|item| {
                        let checked = call.plan.is_checked(&item.id);
                        let (edit, call_id, item_id) = (edit.clone(), call_id.clone(), item.id.clone());
                        html! {
                            <li key={item.id.to_string()} class="dp-checklist__item">
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
        </article>
    }
}
