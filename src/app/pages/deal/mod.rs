//! The deal view: header, roadmap, details, score and forecast, people, qualification, calls
//! and outcome — one section component each, all reading the deal from the context.

mod calls;
mod details;
mod outcome;
mod outlook;
mod people;
mod qualification;
mod stepper;

use yew::prelude::*;

use crate::app::hooks::{nothing, use_keyed_effect};

use crate::app::ctx::Ctx;
use crate::app::parts::dead_end;
use crate::app::route::{Route, Section};
use crate::domain::{Id, SkippedStep, Stage};

/// The page's own UI state: the wrong-turn dialog's pending move and the person removed last.
/// The page and its sections are view functions (a Yew component costs about 1 KB of wasm), so
/// the root keeps this state ([`use_deal_ui`]); it is cleared when another deal opens.
#[derive(Clone)]
pub struct DealUi {
    pub pending_move: crate::app::hooks::UiCell<Option<(Stage, Vec<SkippedStep>)>>,
    /// The offer to undo the removal of the person removed last.
    pub removed: crate::app::hooks::UiCell<crate::app::parts::Offer>,
}

#[hook]
pub fn use_deal_ui(ctx: &crate::app::ctx::Ctx, route: &Route) -> DealUi {
    let pending_move = crate::app::hooks::use_ui_cell(|| None::<(Stage, Vec<SkippedStep>)>);
    // Focus moves into the wrong-turn dialog when it opens, and back to the roadmap when it closes.
    let dialog_seen = use_mut_ref(|| false);
    let focus = ctx.clone();
    let open = pending_move.is_some();
    use_keyed_effect(
        if open { "open" } else { "" }.to_owned(),
        Box::new(move || {
            if open {
                *dialog_seen.borrow_mut() = true;
                focus.focus_later(".dp-dialog button");
            } else if *dialog_seen.borrow() {
                focus.focus_later(".dp-stepper button:not([disabled])");
            }
            nothing()
        }),
    );
    // The section a link pointed to is focused (and so scrolled into view).
    let (focus, section) = (ctx.clone(), route.clone());
    use_keyed_effect(
        route.href(),
        Box::new(move || {
            if let Route::DealSection(_, section) = section {
                focus.focus_later(match section {
                    Section::People => "#dp-people-title",
                    Section::Qualification => "#dp-qual-title",
                    Section::Calls => "#dp-calls-title",
                });
            }
            nothing()
        }),
    );
    let removed = crate::app::hooks::use_ui_cell(|| None);
    {
        let (pending, removed) = (pending_move.clone(), removed.clone());
        let key = route.deal().map(|d| d.as_str().to_owned()).unwrap_or_default();
        use_keyed_effect(
            key,
            Box::new(move || {
                pending.clear();
                removed.clear();
                nothing()
            }),
        );
    }
    DealUi {
        pending_move,
        removed,
    }
}

/// The deal `id`.
pub fn deal_page(ctx: &Ctx, ui: &DealUi, id: &Id) -> Html {
    let Some(deal) = ctx.state.book.deals.get(id) else {
        if ctx.is_kept_aside(id) {
            return dead_end("This deal can't be opened", "Its saved record is unreadable or was written by a newer version of Deal Prep. It is kept aside untouched.", "#/data", "Download or discard it under Data");
        }
        return dead_end("Deal not found", "This deal is not stored in this browser (it may have been deleted, or saved under another namespace).", "#/", "Back to your deals");
    };
    html! {
        <article class="dp-deal" aria-labelledby="dp-deal-title">
            <nav class="dp-crumbs" aria-label="Breadcrumb"><a href="#/">{ "Deals" }</a></nav>
            <header class="dp-deal__header">
                <h1 id="dp-deal-title" class="dp-title">
                    <span class="dp-deal__client">{ deal.client.clone() }</span>
                    <span class="dp-deal__name">{ deal.name.clone() }</span>
                </h1>
                if deal.sample {
                    <span class="dp-tag">{ "Sample" }</span>
                }
                if !deal.jumped.is_empty() {
                    <span class="dp-tag dp-tag--warn">{ "Jumped ahead" }</span>
                }
            </header>
            { stepper::stepper(ctx, deal, ui) }
            { details::details(ctx, deal) }
            { outlook::outlook(ctx, deal) }
            { people::people(ctx, deal, ui) }
            { qualification::qualification(ctx, deal) }
            { crate::app::parts::carry_over::carry_over(deal, None) }
            { calls::calls(ctx, deal) }
            { outcome::outcome(ctx, deal) }
        </article>
    }
}
