//! "Delete all data", behind typing the word.

use yew::prelude::*;

use crate::app::ctx::Ctx;
use crate::app::parts::{bind, field, subtitle};

pub fn delete_all(ctx: &Ctx, ui: &super::DataUi) -> Html {
    let confirm_text = ui.confirm_text.clone();
    let on_delete_all = {
        let (ctx, confirm_text) = (ctx.clone(), confirm_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if confirm_text.trim() != "delete" {
                return;
            }
            ctx.delete_all();
            confirm_text.set(String::new());
        })
    };

    // Counting reads every stored value: only when the data changed, not on each keystroke here.
    html! {
        <section class="dp-section" aria-labelledby="dp-delete-title">
            { subtitle("dp-delete-title", "Delete all data") }
            <form class="dp-inline-form" onsubmit={on_delete_all}>
                { field("dp-field", "Type “delete” to remove every deal and template in this browser", html! {
                    <input class="dp-input" name="confirm-delete" value={(*confirm_text).clone()} autocomplete="off"
                        oninput={bind(&confirm_text)} />
                }) }
                <button type="submit" class="dp-button dp-button--danger" disabled={confirm_text.trim() != "delete"}>{ "Delete all data" }</button>
            </form>
        </section>
    }
}
