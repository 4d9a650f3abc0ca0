//! The call page: the brief tools, the pre-call checklist, the plan, the one-page print brief,
//! and the review (offered once the call's time has come, or on request).

mod brief;
mod checklist;
mod plan;

use yew::prelude::*;

use crate::app::ctx::use_ctx;
use crate::app::parts::dead_end;
use crate::app::parts::review_form::review_form;
use crate::app::platform::now;
use crate::app::route::Route;
use crate::domain::{DealAction, Id};

#[derive(Properties, PartialEq)]
pub struct CallProps {
    pub deal: Id,
    pub call: Id,
}

/// The page's own UI state: the copy fallback and "Copied.". The parts are view functions (a
/// Yew component per part costs about 1 KB of wasm each).
pub struct CallUi {
    pub fallback: UseStateHandle<Option<String>>,
    pub copied: UseStateHandle<bool>,
}

#[component]
pub fn CallPage(props: &CallProps) -> Html {
    let ctx = use_ctx();
    let ui = CallUi {
        fallback: use_state(|| None::<String>),
        copied: use_state(|| false),
    };
    let Some((deal, call)) = ctx.call(&props.deal, &props.call) else {
        return dead_end(
            "Call not found",
            "This call is not stored in this browser.",
            "#/",
            "Back to your deals",
        );
    };
    let template = ctx.state.book.template_for(deal);
    let edit = ctx.editor(&deal.id);
    // A review waits for the call's time, so the deal's lists and Insights agree on what was
    // held; a call held early is said so, and moves to now.
    let show_review = call.is_past(now()) || call.review.is_some();
    html! {
        <article class="dp-call" aria-labelledby="dp-call-title">
            <nav class="dp-crumbs" aria-label="Breadcrumb">
                <a href="#/">{ "Deals" }</a>{ " › " }
                <a href={Route::Deal(deal.id.clone()).href()}>{ format!("{} — {}", deal.client, deal.name) }</a>
            </nav>
            <h1 id="dp-call-title" class="dp-title">
                { format!("{} call, ", call.kind.label()) }<span class="dp-nowrap">{ call.at.human() }</span>
                <span class="dp-call__deal">{ format!("{} — {}", deal.client, deal.name) }</span>
            </h1>
            { brief::tools(&ctx, deal, call, &ui) }
            <div class="dp-call__grid">
                // The objective and the ask come first (in reading order and on a phone); on a
                // wide screen the checklist sits in the left column.
                { plan::plan(&ctx, deal, call) }
                { checklist::checklist(&ctx, deal, call) }
            </div>
            { brief::print_brief(deal, call, template) }
            if show_review {
                { review_form(deal, call, &edit) }
                if call.review.is_some() {
                    <p class="dp-muted" role="status">{ "Review saved; a score snapshot was recorded for your trend." }</p>
                }
            } else {
                <section class="dp-section" aria-label="Review">
                    <p class="dp-muted">{ format!("The review opens at the call's time, {}.", call.at.human()) }</p>
                    <button type="button" class="dp-button" onclick={{ let (edit, id) = (edit.clone(), call.id.clone()); move |_| {
                        edit.step(DealAction::SetCallTime { call: id.clone(), at: now().to_string() })
                    } }}>{ "The call happened early: review it now" }</button>
                </section>
            }
        </article>
    }
}
