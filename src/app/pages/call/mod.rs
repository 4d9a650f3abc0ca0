//! The call page: the brief tools, the pre-call checklist, the plan, the one-page print brief,
//! and the review (offered once the call's time has come, or on request).

mod brief;
mod checklist;
pub mod live;
mod plan;

use yew::prelude::*;

use crate::app::hooks::{nothing, use_keyed_effect};

use crate::app::ctx::Ctx;
use crate::app::parts::carry_over::carry_over;
use crate::app::parts::dead_end;
use crate::app::parts::review_form::review_form;
use crate::app::platform::now;
use crate::app::route::Route;
use crate::domain::playbook::Row;
use crate::domain::{DealAction, Id};

/// The page's own UI state: what the last copy did and the offer to undo a removal, kept by
/// the root (the page and its parts are view functions: a Yew component costs about 1 KB of
/// wasm) and cleared whenever the route changes.
pub struct CallUi {
    pub copy: crate::app::hooks::UiCell<Option<Copy>>,
    /// The offer to undo the deletion of the plan line (or pair) deleted last, under its list.
    /// The Templates page keeps its item removal's offer here too: one cell, cleared with the
    /// route.
    pub removed: crate::app::hooks::UiCell<crate::app::parts::Offer>,
}

/// What the last copy did: "Copied.", or the browser refused and the text is shown to copy by
/// hand.
pub enum Copy {
    Done,
    ByHand(String),
}

#[hook]
pub fn use_call_ui(route: &crate::app::route::Route) -> CallUi {
    let ui = CallUi {
        copy: crate::app::hooks::use_ui_cell(|| None),
        removed: crate::app::hooks::use_ui_cell(|| None),
    };
    let (copy, removed) = (ui.copy.clone(), ui.removed.clone());
    use_keyed_effect(
        route.href(),
        Box::new(move || {
            copy.clear();
            removed.clear();
            nothing()
        }),
    );
    ui
}

/// What a call's page and its call mode show for a call this browser does not hold.
fn not_found() -> Html {
    dead_end(
        "Call not found",
        "This call is not stored in this browser.",
        "#/",
        "Back to your deals",
    )
}

/// The call `call_id` of deal `deal_id`.
pub fn call_page(ctx: &Ctx, ui: &CallUi, deal_id: &Id, call_id: &Id, playbook: &[Row]) -> Html {
    let Some((deal, call)) = ctx.call(deal_id, call_id) else {
        return not_found();
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
            { brief::tools(ctx, deal, call, ui) }
            if call.review.is_none() {
                { carry_over(deal, Some((call, &edit))) }
            }
            <div class="dp-call__grid">
                // The objective and the ask come first (in reading order and on a phone); on a
                // wide screen the checklist sits in the left column.
                { plan::plan(ctx, deal, call, playbook, ui) }
                { checklist::checklist(ctx, deal, call) }
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
