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

use crate::app::ctx::use_ctx;
use crate::app::parts::dead_end;
use crate::app::platform::focus_later;
use crate::app::route::Section;
use crate::domain::{Id, SkippedStep, Stage};

#[derive(Properties, PartialEq)]
pub struct DealProps {
    pub id: Id,
    /// The section a link pointed to: scrolled into view and focused.
    #[prop_or_default]
    pub section: Option<Section>,
}

/// The page's own UI state: the wrong-turn dialog's pending move and what the add-person and
/// plan-a-call forms hold. The sections are view functions (a Yew component per section costs
/// about 1 KB of wasm each), so their state lives here.
#[derive(Clone)]
pub struct DealUi {
    pub pending_move: UseStateHandle<Option<(Stage, Vec<SkippedStep>)>>,
    /// The person removed last, with their place and the calls they attended, for "Undo".
    pub removed: UseStateHandle<Option<std::rc::Rc<Removed>>>,
}

pub struct Removed {
    pub person: crate::domain::Stakeholder,
    pub at: usize,
    pub calls: Vec<crate::domain::Id>,
}

#[hook]
fn use_deal_ui() -> DealUi {
    let pending_move = use_state(|| None::<(Stage, Vec<SkippedStep>)>);
    // Focus moves into the wrong-turn dialog when it opens, and back to the roadmap when it closes.
    let dialog_seen = use_mut_ref(|| false);
    use_effect_with(pending_move.is_some(), move |open| {
        if *open {
            *dialog_seen.borrow_mut() = true;
            focus_later(".dp-dialog button");
        } else if *dialog_seen.borrow() {
            focus_later(".dp-stepper button:not([disabled])");
        }
    });
    DealUi {
        pending_move,
        removed: use_state(|| None),
    }
}

#[component]
pub fn DealPage(props: &DealProps) -> Html {
    let ctx = use_ctx();
    let ui = use_deal_ui();
    use_effect_with((props.id.clone(), props.section), |(_, section)| {
        if let Some(section) = section {
            focus_later(match section {
                Section::People => "#dp-people-title",
                Section::Qualification => "#dp-qual-title",
                Section::Calls => "#dp-calls-title",
            });
        }
    });
    let Some(deal) = ctx.state.book.deals.get(&props.id) else {
        if ctx.is_kept_aside(&props.id) {
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
            { stepper::stepper(&ctx, deal, &ui) }
            { details::details(&ctx, deal) }
            { outlook::outlook(&ctx, deal) }
            { people::people(&ctx, deal, &ui) }
            { qualification::qualification(&ctx, deal) }
            { calls::calls(&ctx, deal) }
            { outcome::outcome(&ctx, deal) }
        </article>
    }
}
