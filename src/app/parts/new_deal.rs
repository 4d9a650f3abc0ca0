//! The new-deal form: client and deal name, created on Enter or with the button.

use yew::prelude::*;

use crate::app::parts::bind;

#[derive(Properties, PartialEq)]
pub struct NewDealProps {
    /// Emits (client, deal name).
    pub on_create: Callback<(String, String)>,
}

#[component]
pub fn NewDeal(props: &NewDealProps) -> Html {
    let client = use_state(String::new);
    let name = use_state(String::new);
    let onsubmit = {
        let (client, name, on_create) = (client.clone(), name.clone(), props.on_create.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if name.trim().is_empty() {
                return;
            }
            on_create.emit(((*client).clone(), (*name).clone()));
            client.set(String::new());
            name.set(String::new());
        })
    };
    html! {
        <form class="dp-new-deal" {onsubmit} aria-label="New deal">
            <label class="dp-field">
                <span class="dp-field__label">{ "Client" }</span>
                <input class="dp-input" name="client" value={(*client).clone()} oninput={bind(&client)} maxlength="200" />
            </label>
            <label class="dp-field">
                <span class="dp-field__label">{ "Deal name" }</span>
                <input class="dp-input" name="deal-name" required=true value={(*name).clone()} oninput={bind(&name)} maxlength="200" />
            </label>
            <button type="submit" class="dp-button dp-button--primary">{ "New deal" }</button>
        </form>
    }
}
