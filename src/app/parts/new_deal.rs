//! The new-deal form: client and deal name, created on Enter or with the button.

use yew::prelude::*;

use crate::app::parts::{field, submit, submitted, typed};

/// The form; `on_create` gets (client, deal name, whether to open the deal), and the fields
/// clear. Plain inputs, read when it is submitted: the form keeps no state. Submitted by the
/// app rather than the user (a name typed and left when the view changes: no submitter), the
/// deal is created where the user was going, not opened.
pub fn new_deal(on_create: Callback<(String, String, bool)>) -> Html {
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        let Some((form, mut v)) = submitted(&e, &["client", "deal-name"]) else {
            return;
        };
        if let Some(name) = v.pop().filter(typed) {
            let client = v.pop().unwrap_or_default();
            on_create.emit((client, name, e.submitter().is_some()));
            form.reset();
        }
    });
    html! {
        <form class="dp-new-deal dp-add" {onsubmit} aria-label="New deal">
            { field("dp-field", "Client", html! { <input class="dp-input" name="client" maxlength="200" /> }) }
            { field("dp-field", "Deal name", html! { <input class="dp-input" name="deal-name" required=true maxlength="200" /> }) }
            { submit("dp-button dp-button--primary", "New deal") }
        </form>
    }
}
