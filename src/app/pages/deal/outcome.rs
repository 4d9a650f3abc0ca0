//! The outcome (which never changes the score), export, archive and delete.

use yew::prelude::*;

use crate::app::ctx::Ctx;
use crate::app::parts::{event_value, field, muted, subtitle};
use crate::domain::Deal;
use crate::domain::{DealAction, Outcome};

pub fn outcome(ctx: &Ctx, deal: &Deal) -> Html {
    let edit = ctx.editor(&deal.id);
    html! {
        <section class="dp-section" aria-labelledby="dp-outcome-title">
            { subtitle("dp-outcome-title", "Outcome") }
            { field("dp-field dp-field--inline", "Outcome", html! {
                <select class="dp-input" onchange={{ let edit = edit.clone(); move |e: Event| {
                    if let Some(o) = Outcome::from_key(&event_value(&e)) { edit.step(DealAction::SetOutcome(o)) }
                } }}>
                    { for Outcome::ALL.iter().map(|o| html! { <option value={o.key()} selected={deal.outcome == *o}>{ o.label() }</option> }) }
                </select>
            }) }
            { muted("The outcome never changes the process score.") }
            <div class="dp-row">
                <button type="button" class="dp-button"
                    onclick={{ let (ctx, id) = (ctx.clone(), deal.id.clone()); move |_| if let Some(deal) = ctx.state.book.deals.get(&id) {
                        ctx.export_deal(deal)
                    } }}>
                    { "Export this deal" }
                </button>
                <button type="button" class="dp-button"
                    onclick={{ let edit = edit.clone(); let archived = deal.archived; move |_| edit.step(DealAction::SetArchived(!archived)) }}>
                    { if deal.archived { "Unarchive" } else { "Archive" } }
                </button>
                <button type="button" class="dp-button dp-button--danger"
                    onclick={{ let (ctx, id) = (ctx.clone(), deal.id.clone()); move |_| {
                        ctx.delete_deal(&id);
                        ctx.open(&crate::app::route::Route::Deals);
                    } }}>
                    { if deal.sample { "Remove sample deal" } else { "Delete deal" } }
                </button>
            </div>
        </section>
    }
}
