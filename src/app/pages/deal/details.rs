//! The deal's facts: client, name, value, target date and checklist template (saved as typed).

use yew::prelude::*;

use crate::app::ctx::Ctx;
use crate::app::parts::{event_value, field, muted};
use crate::domain::Deal;
use crate::domain::{DealAction, Id};

pub fn details(ctx: &Ctx, deal: &Deal) -> Html {
    let template = ctx.state.book.template_for(deal);
    let edit = ctx.editor(&deal.id);

    html! {
        <details class="dp-section dp-deal__details">
            <summary>{ "Deal details" }</summary>
            <div class="dp-deal__facts">
                { field("dp-field", "Client", html! {
                    <input class="dp-input" name="deal-client" value={deal.client.clone()} maxlength="200"
                        oninput={{ let edit = edit.clone(); move |e: InputEvent| edit.typing(DealAction::SetClient(event_value(&e))) }} />
                }) }
                { field("dp-field", "Deal name", html! {
                    <input class="dp-input" name="deal-title" value={ctx.name_value(deal.id.as_str(), &deal.name)} maxlength="200" required=true
                        oninput={{ let edit = edit.clone(); move |e: InputEvent| edit.typing(DealAction::Rename(event_value(&e))) }} />
                }) }
                { field("dp-field", "Value (any currency)", html! {
                    <input class="dp-input" name="deal-value" value={deal.value.clone()} maxlength="60"
                        oninput={{ let edit = edit.clone(); move |e: InputEvent| edit.typing(DealAction::SetValue(event_value(&e))) }} />
                }) }
                { field("dp-field", "Target date", html! {
                    <input class="dp-input" type="date" name="deal-target" value={deal.target.map(|d| d.to_string()).unwrap_or_default()}
                        onchange={{ let edit = edit.clone(); move |e: Event| edit.step(DealAction::SetTarget(event_value(&e))) }} />
                }) }
                { field("dp-field", "Checklist template", html! {
                    <select class="dp-input" onchange={{ let edit = edit.clone(); move |e: Event| if let Ok(id) = Id::new(event_value(&e)) { edit.step(DealAction::SetTemplate(id)) } }}>
                        { for ctx.state.book.templates.iter().map(|t| html! { <option value={t.id.as_str().to_owned()} selected={t.id == template.id}>{ t.name.clone() }</option> }) }
                    </select>
                }) }
            </div>
            { muted("Value and dates help you plan; they never change the process score.") }
        </details>
    }
}
