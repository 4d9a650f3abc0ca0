//! The new-deal form: client and deal name, created on Enter or with the button.

use yew::prelude::*;

use crate::app::parts::bind;

/// What the form holds (its owner keeps it: the form is a view function, not a component).
#[derive(Clone)]
pub struct NewDealForm {
    client: UseStateHandle<String>,
    name: UseStateHandle<String>,
}

#[hook]
pub fn use_new_deal_form() -> NewDealForm {
    NewDealForm {
        client: use_state(String::new),
        name: use_state(String::new),
    }
}

/// The form; `on_create` gets (client, deal name), and the fields clear.
pub fn new_deal(form: &NewDealForm, on_create: Callback<(String, String)>) -> Html {
    let (client, name) = (form.client.clone(), form.name.clone());
    let onsubmit = {
        let (client, name) = (client.clone(), name.clone());
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
